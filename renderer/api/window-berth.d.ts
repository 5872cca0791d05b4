// What the preload script puts on `window.berth` in the desktop app (absent in a browser).
// Type-only: it exists so the renderer and electron/preload/bridge-api.ts agree on one shape.
import type { RpcErrorPayload } from '../../shared/errors.js';
import type { CallResult } from '../../shared/wire.js';

export interface BerthBridge {
  /** Runs one contract call; never rejects, failures come back as `{ ok: false }`. */
  call(name: string, input: unknown): Promise<CallResult>;
  /** Starts one contract stream; the returned function unsubscribes. `onEnd` runs at most once. */
  subscribe(name: string, input: unknown, onMessage: (message: unknown) => void, onEnd: (error?: RpcErrorPayload) => void): () => void;
  /**
   * Desktop only: opens an http, https or mailto link in the system's browser or mail program after
   * main checked it again. Never rejects. Optional so the renderer can tell an older preload apart.
   */
  openExternal?(url: string): Promise<CallResult>;
}

declare global {
  interface Window {
    readonly berth?: BerthBridge;
  }
}
