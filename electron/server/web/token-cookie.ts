import type { IncomingMessage } from 'node:http';

/**
 * The printed link carries the token once (`/?token=...`); the server trades it for an HttpOnly,
 * SameSite=Strict cookie and redirects to the same address without it, so the token stays out of
 * the browser's history, cache and session files (as Jupyter does), and out of reach of scripts.
 * Cookies ignore ports, so each server names its cookie after its port: two Berth servers on one
 * machine do not overwrite each other's.
 */
export function tokenCookieName(port: number): string {
  return `berth_token_${port}`;
}

/** The Set-Cookie value; a session cookie (no Max-Age) that only this site's own requests carry. */
export function tokenCookie(port: number, token: string): string {
  return `${tokenCookieName(port)}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/`;
}

/** The value of one cookie in a Cookie header, or undefined. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (header === undefined) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq === -1 || part.slice(0, eq).trim() !== name) continue;
    try {
      return decodeURIComponent(part.slice(eq + 1).trim());
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** The request's URL parts; a placeholder base because only path and query matter. */
function requestUrl(req: IncomingMessage): URL {
  return new URL(req.url ?? '/', 'http://placeholder');
}

/** True when the address has `?token=` (even empty): it is to be traded and removed. */
export function hasTokenInQuery(req: IncomingMessage): boolean {
  return requestUrl(req).searchParams.has('token');
}

/**
 * The token a request presents: the cookie a browser got on its first visit, else `?token=` (kept
 * for clients that are not browsers: scripts, tests, a raw WebSocket). Empty when neither.
 */
export function presentedToken(req: IncomingMessage, port: number): { token: string | undefined; from: 'cookie' | 'query' | 'none' } {
  const fromCookie = readCookie(req.headers.cookie, tokenCookieName(port));
  if (fromCookie !== undefined && fromCookie !== '') return { token: fromCookie, from: 'cookie' };
  const fromQuery = requestUrl(req).searchParams.get('token');
  if (fromQuery !== null && fromQuery !== '') return { token: fromQuery, from: 'query' };
  return { token: undefined, from: 'none' };
}

/**
 * Where to send the browser after the trade: the same path and query without `token`. Always a
 * path on this server (leading slashes collapsed), so the redirect can never lead elsewhere.
 */
export function addressWithoutToken(req: IncomingMessage): string {
  const url = requestUrl(req);
  url.searchParams.delete('token');
  const query = url.searchParams.toString();
  return `/${url.pathname.replace(/^\/+/, '')}${query ? `?${query}` : ''}`;
}
