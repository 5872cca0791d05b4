/**
 * Which links Berth hands to the system browser or mail program. The renderer checks before it
 * asks, and the desktop main process checks again before `shell.openExternal`: a link printed in a
 * terminal is untrusted text, and the page that forwards it may be compromised.
 */

/** Longer links are refused: no real page needs more, and a huge one can hide where it goes. */
export const maxExternalUrlLength = 2048;

const openableSchemes: ReadonlySet<string> = new Set(['http:', 'https:', 'mailto:']);

export type ExternalUrlCheck =
  | { ok: true; /** The parsed, normalised URL: what gets opened. */ url: string }
  | { ok: false; /** Why not, in words for the user. */ problem: string };

function refuse(problem: string): ExternalUrlCheck {
  return { ok: false, problem };
}

/** C0 and C1 control characters, DEL and whitespace: the URL parser would drop some of them silently. */
function hasControlOrSpace(text: string): boolean {
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (code <= 0x20 || (code >= 0x7f && code <= 0xa0) || /\s/u.test(ch)) return true;
  }
  return false;
}

/** Whether `raw` is a link Berth will open externally (http, https or mailto), and the URL to open. */
export function checkExternalUrl(raw: unknown): ExternalUrlCheck {
  if (typeof raw !== 'string' || raw === '') return refuse('There is no link to open.');
  if (raw.length > maxExternalUrlLength) return refuse(`This link is longer than ${maxExternalUrlLength} characters.`);
  if (hasControlOrSpace(raw)) return refuse('This link contains spaces or control characters.');
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    return refuse('This is not a complete URL.');
  }
  if (!openableSchemes.has(parsed.protocol)) return refuse(`Berth opens only http, https and mailto links, not ${parsed.protocol}`);
  if (parsed.protocol === 'mailto:') {
    if (parsed.pathname === '') return refuse('This mailto link has no address.');
  } else {
    if (parsed.hostname === '') return refuse('This link has no host.');
    // `https://bank.example@evil.example/` goes to evil.example: the part before @ only misleads.
    if (parsed.username !== '' || parsed.password !== '') return refuse('This link carries a user name or password before its host.');
  }
  const url = parsed.href;
  if (url.length > maxExternalUrlLength) return refuse(`This link is longer than ${maxExternalUrlLength} characters.`);
  return { ok: true, url };
}
