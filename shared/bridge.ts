import type { RpcErrorPayload } from './errors.js';
import type { CallResult } from './wire.js';

/**
 * What the desktop app's preload script puts on `window.berth` (absent in a browser). One shape
 * that the preload (electron/desktop/preload/bridge-api.ts) implements and the renderer's IPC
 * transport uses.
 */
export interface BerthBridge {
  /** Runs one contract call on `engine` (absent: the default engine); never rejects, failures come back as `{ ok: false }`. */
  call(name: string, input: unknown, engine?: string): Promise<CallResult>;
  /** Starts one contract stream on `engine`; the returned function unsubscribes. `onEnd` runs at most once. */
  subscribe(
    name: string,
    input: unknown,
    onMessage: (message: unknown) => void,
    onEnd: (error?: RpcErrorPayload) => void,
    engine?: string,
  ): () => void;
  /**
   * Desktop only: opens an http, https or mailto link in the system's browser or mail program after
   * main checked it again. Never rejects. Optional so the renderer can tell an older preload apart.
   */
  openExternal?(url: string): Promise<CallResult>;
}
