import { describe, expect, it, vi } from 'vitest';
import type { EngineConnection } from '../../engine/engine-connection.js';
import type { EngineEvent } from '../../../shared/engine-types.js';
import { EngineFactsWatch } from './engine-facts.js';

/** Only what EngineFactsWatch touches: status, its listeners, and `use` (counted: each is a `docker info`). */
function fakeConnection() {
  const eventListeners: Array<(event: EngineEvent) => void> = [];
  const infoReads = { count: 0 };
  const connection = {
    status: { state: 'connected', generation: 1 },
    onStatus: () => () => undefined,
    onEvent: (listener: (event: EngineEvent) => void) => {
      eventListeners.push(listener);
      return () => undefined;
    },
    use: async () => {
      infoReads.count += 1;
      return { ServerVersion: '20.10', Containers: 3, ContainersRunning: 1 };
    },
  } as unknown as EngineConnection;
  const emit = (action: string): void => {
    for (const l of eventListeners) l({ type: 'container', action, id: 'c1', timeNano: 0 });
  };
  return { connection, infoReads, emit };
}

describe('EngineFactsWatch', () => {
  it('reads docker info once on connecting, then takes container counts from the live model with no engine request', async () => {
    vi.useFakeTimers();
    try {
      const { connection, infoReads, emit } = fakeConnection();
      let counts = { running: 1, total: 3 };
      const changes = vi.fn();
      const watch = new EngineFactsWatch(connection, changes, 100, () => counts);
      await vi.waitFor(() => expect(infoReads.count).toBe(1));
      expect(watch.facts).toMatchObject({ containersRunning: 1, containersTotal: 3 });
      counts = { running: 2, total: 4 };
      emit('create');
      emit('start');
      await vi.advanceTimersByTimeAsync(150);
      expect(watch.facts).toMatchObject({ containersRunning: 2, containersTotal: 4 });
      expect(infoReads.count).toBe(1);
      watch.close();
    } finally {
      vi.useRealTimers();
    }
  });

  it('reads docker info again after events when the live model has no counts (not live)', async () => {
    vi.useFakeTimers();
    try {
      const { connection, infoReads, emit } = fakeConnection();
      const watch = new EngineFactsWatch(
        connection,
        () => undefined,
        100,
        () => undefined,
      );
      await vi.waitFor(() => expect(infoReads.count).toBe(1));
      emit('die');
      await vi.advanceTimersByTimeAsync(150);
      expect(infoReads.count).toBe(2);
      watch.close();
    } finally {
      vi.useRealTimers();
    }
  });
});
