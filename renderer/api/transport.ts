import type { RpcErrorPayload } from '../../shared/errors.js';
import type { CallResult } from '../../shared/wire.js';

export interface StreamHandlers {
  onMessage(message: unknown): void;
  /** The stream ended: by the server (with an error when it failed) or because the transport closed. */
  onEnd(error?: RpcErrorPayload): void;
}

/**
 * How the renderer reaches the main side. The client above it does not know which one it has:
 * Electron IPC through the preload bridge, or a WebSocket to `npm run web`.
 */
export interface Transport {
  readonly kind: 'ipc' | 'ws';
  /** `engine`: the engine the call targets; absent means the server's default engine. */
  call(name: string, input: unknown, engine?: string): Promise<CallResult>;
  subscribe(name: string, input: unknown, handlers: StreamHandlers, engine?: string): () => void;
}
