import { IpcTransport } from './ipc-transport.js';
import type { StatusTransport } from './transport-status.js';
import { takeWebToken } from './web-token.js';
import { WsTransport, type AuthProbe } from './ws-transport.js';

function sessionStorageOrUndefined(): Storage | undefined {
  try {
    return window.sessionStorage;
  } catch {
    return undefined;
  }
}

/** Asks the server about the token over plain HTTP: GET /rpc answers 403 for a wrong one, 426 otherwise. */
function tokenProbe(token: string): AuthProbe {
  return async () => {
    try {
      const response = await fetch(`/rpc?token=${encodeURIComponent(token)}`, { cache: 'no-store', credentials: 'omit' });
      return response.status === 403 ? 'refused' : 'ok';
    } catch {
      return 'unreachable';
    }
  };
}

/**
 * The transport for this page: the preload bridge in the desktop app, otherwise a WebSocket to the
 * server that served the page. Call once at start-up (it reads and removes `?token=` from the URL).
 * Show `status` / `onStatus` of the result to the user; see transport-status.ts.
 */
export function pickTransport(): StatusTransport {
  if (window.berth) return new IpcTransport(window.berth);
  const token = takeWebToken({ location: window.location, history: window.history, storage: sessionStorageOrUndefined() });
  const scheme = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  return new WsTransport({
    url: token === undefined ? undefined : `${scheme}//${window.location.host}/rpc?token=${encodeURIComponent(token)}`,
    createSocket: (url) => new WebSocket(url),
    ...(token === undefined ? {} : { probe: tokenProbe(token) }),
  });
}
