/**
 * Where the desktop page lives: the built renderer served by main on a custom scheme (see
 * app-protocol.ts), not file://. A standard scheme gives the page a real origin of its own, and
 * responses main builds itself, so the CSP below arrives as a header (which can set
 * `frame-ancestors`, unlike the <meta> tag in index.html).
 */
export const appScheme = 'app';
export const appHost = 'berth';
export const appOrigin = `${appScheme}://${appHost}`;
export const appPageUrl = `${appOrigin}/index.html`;

/**
 * Whether a URL is the app's own page. Parsed, never compared as strings, so
 * `app://berth/index.html.evil`, another host, a port, credentials or another scheme (file:// too)
 * do not pass; query and fragment are ignored because in-page routing may use them.
 */
export function isAppPageUrl(url: string | undefined): boolean {
  const candidate = parseUrl(url);
  if (candidate === undefined) return false;
  if (candidate.protocol !== `${appScheme}:` || candidate.host !== appHost) return false;
  if (candidate.username !== '' || candidate.password !== '') return false;
  return safeDecode(candidate.pathname) === '/index.html';
}

function parseUrl(url: string | undefined): URL | undefined {
  if (url === undefined || url === '') return undefined;
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

function safeDecode(pathname: string): string | undefined {
  try {
    return decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
}

/**
 * The desktop page's policy, sent as a header with every app:// response. The page talks to main
 * over IPC only, so it needs no network at all (`connect-src 'none'`, stricter than `'self'`);
 * `style-src 'unsafe-inline'` is for the <style> elements xterm.js injects.
 */
export const desktopContentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'none'",
  "worker-src 'none'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-src 'none'",
  "frame-ancestors 'none'",
].join('; ');
