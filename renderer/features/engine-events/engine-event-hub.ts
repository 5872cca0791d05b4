import type { EngineEvent } from '../../../shared/engine-types.js';
import type { BerthClient } from '../../api/client.js';
import type { ConnectionStore } from '../connection/connection-store.js';

export type EngineEventListener = (event: EngineEvent) => void;

export interface EngineEventHub {
  /** Listen to engine events of these types (`container`, `image`, ...). */
  on(types: readonly string[], listener: EngineEventListener): () => void;
  start(): void;
  stop(): void;
}

/**
 * One `engine.events` subscription shared by every store. The main side follows the engine across
 * restarts; this only resubscribes when the link to Berth itself comes back.
 */
export function createEngineEventHub(client: BerthClient, connection: ConnectionStore): EngineEventHub {
  const listeners = new Set<{ types: ReadonlySet<string>; listener: EngineEventListener }>();
  let unsubscribeStream: (() => void) | undefined;
  let unsubscribeConnection: (() => void) | undefined;
  let subscribedEpoch = -1;

  const dispatch = (event: EngineEvent): void => {
    for (const entry of listeners) if (entry.types.has(event.type)) entry.listener(event);
  };

  const ensureSubscribed = (): void => {
    const { link, linkEpoch } = connection.getState();
    if (link !== 'open') return;
    if (unsubscribeStream && subscribedEpoch === linkEpoch) return;
    unsubscribeStream?.();
    subscribedEpoch = linkEpoch;
    unsubscribeStream = client.subscribe('engine.events', {}, {
      onMessage: dispatch,
      onEnd: () => {
        unsubscribeStream = undefined;
      },
    });
  };

  return {
    on(types, listener) {
      const entry = { types: new Set(types), listener };
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
      unsubscribeStream?.();
      unsubscribeStream = undefined;
    },
  };
}
