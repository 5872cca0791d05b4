/**
 * Whether a URL is the app's own page (the renderer's index.html as a file:// URL). Parsed, never
 * compared as strings, so `file:///…/index.html.evil`, another host or another scheme do not pass;
 * query and fragment are ignored because in-page routing may use them.
 */
export function isAppPageUrl(url: string | undefined, appPageUrl: string): boolean {
  if (url === undefined || url === '') return false;
  let candidate: URL;
  let expected: URL;
  try {
    candidate = new URL(url);
    expected = new URL(appPageUrl);
  } catch {
    return false;
  }
  if (candidate.protocol !== 'file:' || expected.protocol !== 'file:') return false;
  if (candidate.host !== expected.host) return false;
  return safeDecode(candidate.pathname) === safeDecode(expected.pathname);
}

function safeDecode(pathname: string): string | undefined {
  try {
    return decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
}

/**
 * The desktop page's policy. The page talks to main over IPC only, so it needs no network at all
 * (`connect-src 'none'`); `style-src 'unsafe-inline'` is for the <style> elements xterm.js injects.
 */
export const desktopContentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'none'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
