import type { CallResult } from '../../shared/wire.js';
import type { StreamHandlers } from './transport.js';
import type { StatusTransport, TransportStatus } from './transport-status.js';
import type { BerthBridge } from '../../shared/bridge.js';

const alwaysOpen: TransportStatus = { state: 'open' };

/** The desktop transport: the preload bridge on `window.berth`. IPC cannot drop, so its status never changes. */
export class IpcTransport implements StatusTransport {
  readonly kind = 'ipc' as const;
  readonly status = alwaysOpen;

  constructor(private readonly bridge: BerthBridge) {}

  onStatus(_listener: (status: TransportStatus) => void): () => void {
    return () => {};
  }

  async call(name: string, input: unknown, engine?: string): Promise<CallResult> {
    try {
      return await (engine === undefined ? this.bridge.call(name, input) : this.bridge.call(name, input, engine));
    } catch (err) {
      // The context bridge throws when an argument cannot be cloned (a function, a DOM node, ...).
      return { ok: false, error: { code: 'BAD_REQUEST', message: err instanceof Error ? err.message : String(err) } };
    }
  }

  subscribe(name: string, input: unknown, handlers: StreamHandlers, engine?: string): () => void {
    try {
      return this.bridge.subscribe(
        name,
        input,
        (message) => handlers.onMessage(message),
        (error) => handlers.onEnd(error),
        ...(engine === undefined ? [] : [engine]),
      );
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      queueMicrotask(() => handlers.onEnd({ code: 'BAD_REQUEST', message }));
      return () => {};
    }
  }
}
