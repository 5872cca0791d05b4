import { IpcTransport } from './ipc-transport.js';
import type { StatusTransport } from './transport-status.js';
import { WsTransport, type AuthProbe } from './ws-transport.js';

/**
 * Asks the server about this page's token over plain HTTP. The token is an HttpOnly cookie the
 * server set when the printed link was opened, so the page never sees it: GET /rpc answers 426
 * when the cookie is right, and 403 "Missing token" or "Wrong token" otherwise.
 */
const cookieProbe: AuthProbe = async () => {
  try {
    const response = await fetch('/rpc', { cache: 'no-store', credentials: 'same-origin' });
    if (response.status !== 403) return 'ok';
    return (await response.text()).startsWith('Missing') ? 'missing' : 'refused';
  } catch {
    return 'unreachable';
  }
};

/**
 * The transport for this page: the preload bridge in the desktop app, otherwise a WebSocket to the
 * server that served the page, which the browser opens with the token cookie.
 * Show `status` / `onStatus` of the result to the user; see transport-status.ts.
 */
export function pickTransport(): StatusTransport {
  if (window.berth) return new IpcTransport(window.berth);
  const scheme = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  return new WsTransport({
    url: `${scheme}//${window.location.host}/rpc`,
    createSocket: (url) => new WebSocket(url),
    probe: cookieProbe,
  });
}
