import { createStore, type StoreApi } from 'zustand/vanilla';
import type { LiveListMessage } from '../../../shared/live-contract.js';
import type { BerthError } from '../../../shared/errors.js';
import type { Subscription } from '../../api/client.js';
import { errorText } from '../../lib/error-text.js';
import { isLive, type ConnectionState, type ConnectionStore } from '../connection/connection-store.js';
import { LiveListModel, type LiveListModelOptions } from './live-list-model.js';

export interface LiveListState<T> {
  /** Sorted as the view lists them; an unchanged row keeps its object from one update to the next. */
  items: readonly T[];
  /** True once the server has sent the whole list at least once. */
  loaded: boolean;
  /** The items follow the engine right now: false while the engine or the link to Berth is down, until a fresh snapshot. */
  live: boolean;
  /** Waiting for a snapshot (the first one, or after `refresh()` or a reconnection). */
  loading: boolean;
  /** Why the watch stream ended; cleared by the next snapshot. */
  error: string | null;
  /** Subscribes again for a fresh snapshot; resolves once it arrived (or the stream ended). */
  refresh(): Promise<void>;
}

export type LiveListStore<T> = StoreApi<LiveListState<T>> & {
  start(): void;
  stop(): void;
  /**
   * An action finished. The server's patches bring its effect without asking, so this only
   * resubscribes at once when the stream is down (ended, waiting to retry).
   */
  requestRefresh(): void;
};

export interface WatchedListOptions<Item, Row> extends LiveListModelOptions<Item, Row> {
  /** Opens the list's watch stream, e.g. `(h) => client.subscribe('containers.watch', {}, h)`; returns its closer. */
  watch(handlers: Subscription<LiveListMessage<Item>>): () => void;
  connection: ConnectionStore;
  /** Waits before subscribing again after the stream ended; the last one repeats. */
  retryDelaysMs?: readonly number[];
}

/** The link to Berth is up or coming up: a subscription made now will be delivered. */
function linkUsable(state: Pick<ConnectionState, 'link'>): boolean {
  return state.link === 'open' || state.link === 'connecting';
}

/**
 * A list of engine objects the server keeps for us: one watch stream sends the whole list, then
 * only what changed. Nothing is reloaded here; a fresh snapshot comes from subscribing again
 * (after the link to Berth came back, after the stream ended, or on `refresh()`).
 */
export function createWatchedListStore<Item, Row>(options: WatchedListOptions<Item, Row>): LiveListStore<Row> {
  const { connection, watch } = options;
  const retryDelaysMs = options.retryDelaysMs ?? [500, 1000, 2000, 5000];
  const model = new LiveListModel<Item, Row>(options);
  let started = false;
  let closeStream: (() => void) | undefined;
  let stopConnection: (() => void) | undefined;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let attempt = 0;
  /** A snapshot came on the current subscription and no `stale` since. */
  let streamLive = false;
  /** `refresh()` calls waiting for the current subscription's snapshot or end. */
  let waiters: Array<() => void> = [];

  const store = createStore<LiveListState<Row>>()(() => ({
    items: [],
    loaded: false,
    live: false,
    loading: false,
    error: null,
    refresh,
  }));

  const settleWaiters = (): void => {
    const done = waiters;
    waiters = [];
    for (const resolve of done) resolve();
  };

  const liveNow = (): boolean => streamLive && isLive(connection.getState());

  const clearRetry = (): void => {
    if (retryTimer !== undefined) clearTimeout(retryTimer);
    retryTimer = undefined;
  };

  const close = (): void => {
    const closer = closeStream;
    closeStream = undefined;
    streamLive = false;
    closer?.();
    settleWaiters();
  };

  const onMessage = (message: LiveListMessage<Item>): void => {
    if (message.t === 'stale') {
      streamLive = false;
      store.setState({ live: false });
      return;
    }
    const changed = model.apply(message);
    if (message.t === 'snapshot') {
      attempt = 0;
      streamLive = true;
      store.setState({ ...(changed ? { items: model.rows } : {}), loaded: true, loading: false, error: null, live: liveNow() });
      settleWaiters();
      return;
    }
    if (changed) store.setState({ items: model.rows });
  };

  const onEnd = (error?: BerthError): void => {
    closeStream = undefined;
    streamLive = false;
    store.setState({ live: false, loading: false, ...(error ? { error: errorText(error) } : {}) });
    settleWaiters();
    if (!started || error?.code === 'FORBIDDEN') return;
    const delay = retryDelaysMs[Math.min(attempt, retryDelaysMs.length - 1)] ?? 5000;
    attempt += 1;
    clearRetry();
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      open();
    }, delay);
  };

  /** Subscribes when started and the link can carry it; `keepLive` leaves the rows shown as live meanwhile (a refresh). */
  function open(keepLive = false): void {
    if (!started || closeStream || !linkUsable(connection.getState())) return;
    clearRetry();
    store.setState(keepLive ? { loading: true } : { loading: true, live: false });
    let ended = false;
    const closer = watch({
      onMessage: (message) => {
        if (!ended) onMessage(message);
      },
      onEnd: (error) => {
        if (ended) return;
        ended = true;
        onEnd(error);
      },
    });
    // The stream may have ended while being opened (a transport that refuses ends it at once).
    if (!ended) {
      closeStream = () => {
        ended = true;
        closer();
      };
    }
  }

  function refresh(): Promise<void> {
    if (!started) return Promise.reject(new Error('This list is not being watched: start() it first.'));
    return new Promise<void>((resolve) => {
      const wasLive = store.getState().live;
      close();
      waiters.push(resolve);
      open(wasLive);
      // The link is down: the subscription opens when it returns; nothing to wait for now.
      if (!closeStream) settleWaiters();
    });
  }

  const onConnection = (state: ConnectionState, previous: ConnectionState): void => {
    if (!linkUsable(state)) {
      // The transport may drop our subscription; a new one once the link is back brings a fresh snapshot.
      close();
      if (store.getState().live) store.setState({ live: false });
      return;
    }
    const becameLive = isLive(state) && !isLive(previous);
    // An engine that came back need not wait for the retry delay.
    if (!closeStream && (retryTimer === undefined || becameLive)) open();
    else if (store.getState().live !== liveNow()) store.setState({ live: liveNow() });
  };

  return Object.assign(store, {
    start() {
      if (started) return;
      started = true;
      stopConnection = connection.subscribe(onConnection);
      open();
    },
    stop() {
      if (!started) return;
      started = false;
      stopConnection?.();
      stopConnection = undefined;
      clearRetry();
      attempt = 0;
      close();
      store.setState({ live: false, loading: false });
    },
    requestRefresh() {
      if (started && !closeStream) open();
    },
  });
}
