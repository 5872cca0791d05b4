import type { EngineEvent } from '../../../shared/engine-types.js';
import type { BerthClient } from '../../api/client.js';
import type { ConnectionStore } from '../connection/connection-store.js';

export type EngineEventListener = (event: EngineEvent) => void;

export interface EngineEventHub {
  /** Listen to engine events of these types (`container`, `image`, ...). */
  on(types: readonly string[], listener: EngineEventListener): () => void;
  /** Listen to every engine event, whatever its type (the events timeline). */
  onAny(listener: EngineEventListener): () => void;
  start(): void;
  stop(): void;
}

/**
 * One `engine.events` subscription shared by every store. The main side follows the engine across
 * restarts and the transport resubscribes across reconnects; this only subscribes again when the
 * stream has really ended (a transport without resubscription, or a server-side failure).
 */
export function createEngineEventHub(client: BerthClient, connection: ConnectionStore, retryMs = 2000): EngineEventHub {
  const listeners = new Set<{ types: ReadonlySet<string> | 'all'; listener: EngineEventListener }>();
  let unsubscribeStream: (() => void) | undefined;
  let unsubscribeConnection: (() => void) | undefined;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;

  const dispatch = (event: EngineEvent): void => {
    for (const entry of listeners) if (entry.types === 'all' || entry.types.has(event.type)) entry.listener(event);
  };

  const ensureSubscribed = (): void => {
    if (!unsubscribeConnection || unsubscribeStream) return;
    const { link } = connection.getState();
    if (link !== 'open' && link !== 'connecting') return;
    unsubscribeStream = client.subscribe(
      'engine.events',
      {},
      {
        onMessage: dispatch,
        onEnd: () => {
          unsubscribeStream = undefined;
          if (retryTimer === undefined && unsubscribeConnection) {
            retryTimer = setTimeout(() => {
              retryTimer = undefined;
              ensureSubscribed();
            }, retryMs);
          }
        },
      },
    );
  };

  return {
    on(types, listener) {
      const entry = { types: new Set(types), listener };
      listeners.add(entry);
      return () => listeners.delete(entry);
    },
    onAny(listener) {
      const entry = { types: 'all' as const, listener };
      listeners.add(entry);
      return () => listeners.delete(entry);
    },
    start() {
      if (unsubscribeConnection) return;
      unsubscribeConnection = connection.subscribe(ensureSubscribed);
      ensureSubscribed();
    },
    stop() {
      unsubscribeConnection?.();
      unsubscribeConnection = undefined;
      if (retryTimer !== undefined) clearTimeout(retryTimer);
      retryTimer = undefined;
      unsubscribeStream?.();
      unsubscribeStream = undefined;
    },
  };
}
