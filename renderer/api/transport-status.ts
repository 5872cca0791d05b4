import type { Transport } from './transport.js';

/**
 * Where the connection to the main side stands, for a banner in the UI.
 * - `connecting`: the first attempt is under way.
 * - `open`: calls and streams flow.
 * - `reconnecting`: the socket dropped (or never opened); calls wait up to ~10 s, streams resume by themselves.
 * - `unauthorized`: no token, or the server refused it; nothing will work until the user opens the printed link.
 * - `closed`: `close()` was called.
 */
export type TransportState = 'connecting' | 'open' | 'reconnecting' | 'unauthorized' | 'closed';

export interface TransportStatus {
  readonly state: TransportState;
  /** Text for the user; set for `reconnecting` and `unauthorized`. */
  readonly message?: string;
  /** `reconnecting`: failed attempts in a row, and the wait before the next one. */
  readonly attempt?: number;
  readonly retryInMs?: number;
}

/** A transport that can tell the UI how its connection is doing (the IPC one is always open). */
export interface StatusTransport extends Transport {
  readonly status: TransportStatus;
  /** Calls `listener` on every change (not with the current status); returns the unsubscribe function. */
  onStatus(listener: (status: TransportStatus) => void): () => void;
}

export const transportMessages = {
  /** The page was opened without `?token=` (and none is remembered for this tab). */
  missingToken: 'This page needs the link Berth printed (with ?token=...)',
  /** The server refused the token, usually because it was restarted with a new one. */
  refusedToken:
    'The Berth server refused this page’s token (it may have been restarted). This page needs the link Berth printed (with ?token=...)',
  /** The socket is down; calls made meanwhile fail with this after waiting. */
  lostConnection: 'Lost connection to the Berth server',
} as const;
