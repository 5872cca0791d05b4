import { createStore, type StoreApi } from 'zustand/vanilla';
import type { BerthClient } from '../../api/client.js';
import { BerthError } from '../../../shared/errors.js';
import type { StatsWatchMessage } from '../../../shared/stats-watch-contract.js';
import { errorText } from '../../lib/error-text.js';
import { withSample, type ContainerStatsEntry } from './stats-history.js';
import { sameIds, watchedIds, type ShownContainer } from './watched-ids.js';

export interface ContainerStatsState {
  /** The newest sample and recent CPU of each container followed now, by id. */
  readonly stats: ReadonlyMap<string, ContainerStatsEntry>;
  /** Why a container on screen has no stats any more (stopped, removed, refused), by id. */
  readonly ended: ReadonlyMap<string, string>;
  /** Containers the server follows for this page, as it last said (its answer, less those that ended since). */
  readonly watching: readonly string[];
  /** The watch stream failed; it is opened again shortly. */
  readonly error: string | null;
  /** The rows on screen now: stats are streamed for the running ones among them, and only those. */
  show(rows: readonly ShownContainer[]): void;
  /** The view is gone: the stream closes (and with it the engine streams nobody else watches). */
  stop(): void;
}

export type ContainerStatsStore = StoreApi<ContainerStatsState>;

export interface ContainerStatsStoreOptions {
  /** Changes of the rows on screen within this long go to the server as one (scrolling passes many rows). */
  readonly settleMs?: number;
  /** After the stream failed, open it again this much later. */
  readonly retryMs?: number;
}

/**
 * CPU and memory of the running containers on screen, over one `containers.statsWatch` stream
 * whose set of containers follows the rows shown (`containers.statsWatchSet`). One stream for the
 * whole table keeps a page far below the router's streams per client; the server shares each
 * container's engine stream with every other viewer.
 */
export function createContainerStatsStore(client: BerthClient, options: ContainerStatsStoreOptions = {}): ContainerStatsStore {
  const settleMs = options.settleMs ?? 150;
  const retryMs = options.retryMs ?? 3000;

  let shown: readonly ShownContainer[] = [];
  /** Rows whose stats ended, by id: left out while the row is the same object (see watchedIds). */
  const endedRows = new Map<string, ShownContainer>();
  /** What the server was asked to follow, less what it said ended. */
  let requested: string[] = [];
  let unsubscribe: (() => void) | undefined;
  let watchId: string | undefined;
  let inFlight = false;
  /** The rows changed while the server could not be told (no watch id yet, or a change in flight). */
  let dirty = false;
  let settleTimer: ReturnType<typeof setTimeout> | undefined;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  /** Bumped whenever the stream is replaced or stopped: answers of an older one are ignored. */
  let generation = 0;

  const store = createStore<ContainerStatsState>()((set, get) => {
    const keepOnly = <V>(map: ReadonlyMap<string, V>, ids: ReadonlySet<string>): ReadonlyMap<string, V> => {
      if ([...map.keys()].every((id) => ids.has(id))) return map;
      return new Map([...map].filter(([id]) => ids.has(id)));
    };

    const sync = (): void => {
      settleTimer = undefined;
      const shownIds = new Set(shown.map((r) => r.id));
      for (const id of [...endedRows.keys()]) if (!shownIds.has(id)) endedRows.delete(id);
      const wanted = watchedIds(shown, endedRows);
      const wantedSet = new Set(wanted);
      // A row that left the screen starts afresh when it comes back.
      set({ stats: keepOnly(get().stats, wantedSet), ended: keepOnly(get().ended, shownIds) });
      if (!unsubscribe) {
        if (wanted.length > 0) open(wanted);
        return;
      }
      if (watchId === undefined || inFlight) {
        dirty = true;
        return;
      }
      if (!sameIds(wanted, requested)) change(wanted);
    };

    const open = (ids: string[]): void => {
      clearTimeout(retryTimer);
      retryTimer = undefined;
      const mine = ++generation;
      requested = ids;
      watchId = undefined;
      dirty = false;
      inFlight = false;
      unsubscribe = client.subscribe(
        'containers.statsWatch',
        { ids },
        {
          onMessage: (message) => {
            if (mine === generation) receive(message);
          },
          onEnd: (error) => {
            if (mine === generation) ended(error);
          },
        },
      );
    };

    const change = (ids: string[]): void => {
      const mine = generation;
      inFlight = true;
      requested = ids;
      client.call('containers.statsWatchSet', { watch: watchId!, ids }).then(
        ({ watching }) => {
          if (mine !== generation) return;
          inFlight = false;
          set({ watching: watching.filter((id) => requested.includes(id)), error: null });
          if (dirty) {
            dirty = false;
            sync();
          }
        },
        (error: unknown) => {
          if (mine !== generation) return;
          inFlight = false;
          // The server no longer knows the watch (it ended, the page reconnected): open a new one.
          if (error instanceof BerthError && error.code === 'NOT_FOUND') reopen();
          else ended(error);
        },
      );
    };

    const receive = (message: StatsWatchMessage): void => {
      let { stats, ended: endedNow, watching } = get();
      if (message.watch !== undefined) {
        watchId = message.watch;
        watching = message.watching ?? [];
      }
      if (message.samples.length > 0) {
        const next = new Map(stats);
        for (const { id, sample } of message.samples) if (requested.includes(id)) next.set(id, withSample(next.get(id), sample));
        stats = next;
      }
      if (message.ended.length > 0) {
        const gone = new Set(message.ended.map((e) => e.id));
        stats = new Map([...stats].filter(([id]) => !gone.has(id)));
        const reasons = new Map(endedNow);
        for (const { id, reason } of message.ended) {
          reasons.set(id, reason);
          const row = shown.find((r) => r.id === id);
          if (row) endedRows.set(id, row);
        }
        endedNow = reasons;
        requested = requested.filter((id) => !gone.has(id));
        watching = watching.filter((id) => !gone.has(id));
      }
      set({ stats, ended: endedNow, watching, error: null });
      if (message.watch !== undefined && dirty) {
        dirty = false;
        sync();
      }
    };

    const reset = (): void => {
      generation += 1;
      unsubscribe?.();
      unsubscribe = undefined;
      watchId = undefined;
      inFlight = false;
      dirty = false;
      requested = [];
    };

    const reopen = (): void => {
      reset();
      set({ stats: new Map(), watching: [] });
      sync();
    };

    /** The stream ended or failed: open it again a little later, for the rows on screen then. */
    const ended = (error?: unknown): void => {
      reset();
      set({ stats: new Map(), watching: [], error: error === undefined ? null : errorText(error) });
      clearTimeout(retryTimer);
      retryTimer = setTimeout(() => {
        retryTimer = undefined;
        sync();
      }, retryMs);
    };

    return {
      stats: new Map(),
      ended: new Map(),
      watching: [],
      error: null,
      show(rows) {
        shown = rows;
        settleTimer ??= setTimeout(sync, settleMs);
      },
      stop() {
        reset();
        clearTimeout(settleTimer);
        clearTimeout(retryTimer);
        settleTimer = undefined;
        retryTimer = undefined;
        shown = [];
        endedRows.clear();
        set({ stats: new Map(), ended: new Map(), watching: [], error: null });
      },
    };
  });
  return store;
}
