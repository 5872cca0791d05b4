import { createStore, type StoreApi } from 'zustand/vanilla';
import { createCoalescingRefresher } from '../../lib/coalescing-refresher.js';
import { syncKey, type ConnectionStore } from '../connection/connection-store.js';
import type { EngineEvent } from '../../../shared/engine-types.js';
import type { EngineEventHub } from '../engine-events/engine-event-hub.js';
import { errorText } from '../../lib/error-text.js';

export interface LiveListState<T> {
  items: readonly T[];
  /** True once a list has been loaded at least once. */
  loaded: boolean;
  /** The items reflect the engine as of the current live connection; false while disconnected or reloading. */
  live: boolean;
  loading: boolean;
  /** Why the last load failed; cleared by the next successful one. */
  error: string | null;
  /** Reload now (a user asked, or an action finished). */
  refresh(): Promise<void>;
}

export type LiveListStore<T> = StoreApi<LiveListState<T>> & {
  start(): void;
  stop(): void;
  /** Ask for a reload soon; bursts become one call. */
  requestRefresh(): void;
};

export interface LiveListOptions<T> {
  load: () => Promise<readonly T[]>;
  connection: ConnectionStore;
  events: EngineEventHub;
  /** Engine event types that may change this list. */
  eventTypes: readonly string[];
  /** Of those events, the ones that do (all of them when not given). */
  changesList?: (event: EngineEvent) => boolean;
  debounceMs?: number;
  maxWaitMs?: number;
}

/**
 * A list of engine objects kept true without polling: a full load whenever the connection becomes
 * live again (new generation or link epoch), and a debounced reload when the engine reports a change.
 */
export function createLiveListStore<T>(options: LiveListOptions<T>): LiveListStore<T> {
  const { connection, events, eventTypes, load } = options;
  let currentKey: string | null = null;
  let stopConnection: (() => void) | undefined;
  let stopEvents: (() => void) | undefined;

  const store = createStore<LiveListState<T>>()(() => ({
    items: [],
    loaded: false,
    live: false,
    loading: false,
    error: null,
    refresh: () => refresher.runNow(),
  }));

  const refresher = createCoalescingRefresher(
    async () => {
      const key = syncKey(connection.getState());
      if (key === null) return;
      store.setState({ loading: true });
      try {
        const items = await load();
        // A reconnect during the load makes the result stale: the reload it triggered wins.
        const stillCurrent = syncKey(connection.getState()) === key;
        store.setState({ items, loaded: true, live: stillCurrent, loading: false, error: null });
      } catch (error) {
        store.setState({ loading: false, error: errorText(error) });
      }
    },
    { debounceMs: options.debounceMs ?? 100, maxWaitMs: options.maxWaitMs ?? 1000 },
  );

  const onConnection = (): void => {
    const key = syncKey(connection.getState());
    if (key === currentKey) return;
    currentKey = key;
    if (key === null) {
      refresher.cancel();
      store.setState({ live: false });
      return;
    }
    store.setState({ live: false });
    void refresher.runNow().catch(() => undefined);
  };

  return Object.assign(store, {
    start() {
      if (stopConnection) return;
      stopConnection = connection.subscribe(onConnection);
      stopEvents = events.on(eventTypes, (event) => {
        if (!options.changesList || options.changesList(event)) refresher.request();
      });
      onConnection();
    },
    stop() {
      stopConnection?.();
      stopEvents?.();
      stopConnection = undefined;
      stopEvents = undefined;
      refresher.cancel();
      currentKey = null;
    },
    requestRefresh() {
      refresher.request();
    },
  });
}
