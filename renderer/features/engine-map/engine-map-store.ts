import { createStore, type StoreApi } from 'zustand/vanilla';
import type { EngineMap, WritableLayer } from '../../../shared/engine-map-types.js';
import type { BerthClient } from '../../api/client.js';
import { errorText } from '../../lib/error-text.js';
import type { EngineEventHub } from '../engine-events/engine-event-hub.js';

export type MapSelection = { kind: 'layer'; key: string } | { kind: 'image'; id: string } | { kind: 'container'; id: string };

export interface WritableRead {
  loading: boolean;
  value?: WritableLayer;
  error?: string;
}

export interface EngineMapState {
  map: EngineMap | null;
  error: string | null;
  /** Chain IDs and image IDs that came with the last change that added any (a commit, a pull, a build). */
  fresh: { layers: ReadonlySet<string>; images: ReadonlySet<string> };
  expanded: ReadonlySet<string>;
  selected: MapSelection | null;
  /** Writable layers read so far, by container ID. */
  writable: Readonly<Record<string, WritableRead>>;
  start(): void;
  stop(): void;
  toggleExpanded(key: string): void;
  select(selection: MapSelection | null): void;
  /** The containers on screen: their writable layers are read (once each, two at a time). */
  showContainers(ids: readonly string[]): void;
  /** Reads a container's writable layer again. */
  refreshWritable(id: string): void;
}

export type EngineMapStore = StoreApi<EngineMapState>;

export interface EngineMapDeps {
  client: BerthClient;
  events: Pick<EngineEventHub, 'on'>;
  retryMs?: number;
}

/** Entries shown per writable layer; the full list is the container's Changes tab. */
export const writableLimit = 200;
/** Container events after which its writable layer may hold something else. */
const writableChangers = new Set(['start', 'die', 'exec_die', 'commit', 'restart', 'extract-to-dir']);
const readsAtOnce = 2;

/** What `next` adds to `previous`: its new layers and images (none for the first map). */
export function freshIn(previous: EngineMap | null, next: EngineMap): { layers: Set<string>; images: Set<string> } {
  if (!previous) return { layers: new Set(), images: new Set() };
  const oldLayers = new Set(previous.layers.map((l) => l.chainId));
  const oldImages = new Set(previous.images.map((i) => i.id));
  return {
    layers: new Set(next.layers.map((l) => l.chainId).filter((c) => !oldLayers.has(c))),
    images: new Set(next.images.map((i) => i.id).filter((id) => !oldImages.has(id))),
  };
}

/**
 * The engine map as the server sends it (engine.mapWatch), what changed last, and the writable
 * layers of the containers on screen, read lazily and again after the container's events.
 */
export function createEngineMapStore({ client, events, retryMs = 2000 }: EngineMapDeps): EngineMapStore {
  let unsubscribe: (() => void) | undefined;
  let offEvents: (() => void) | undefined;
  let retry: ReturnType<typeof setTimeout> | undefined;
  let shown = new Set<string>();
  const queue: string[] = [];
  let reading = 0;

  const store = createStore<EngineMapState>()((set, get) => {
    const pump = (): void => {
      while (reading < readsAtOnce && queue.length > 0) {
        const id = queue.shift()!;
        reading += 1;
        void client
          .call('engine.mapWritableLayer', { id, limit: writableLimit })
          .then(
            (value) => ({ loading: false, value }),
            (error: unknown) => ({ loading: false, error: errorText(error) }),
          )
          .then((read: WritableRead) => {
            reading -= 1;
            if (get().writable[id]?.loading) set({ writable: { ...get().writable, [id]: read } });
            pump();
          });
      }
    };
    const read = (id: string): void => {
      if (queue.includes(id)) return;
      set({ writable: { ...get().writable, [id]: { ...get().writable[id], loading: true } } });
      queue.push(id);
      pump();
    };

    const subscribe = (): void => {
      unsubscribe = client.subscribe(
        'engine.mapWatch',
        {},
        {
          onMessage: (map) => {
            const fresh = freshIn(get().map, map);
            const alive = new Set(map.containers.map((c) => c.id));
            const writable = Object.fromEntries(Object.entries(get().writable).filter(([id]) => alive.has(id)));
            set({
              map,
              error: null,
              writable,
              ...(fresh.layers.size > 0 || fresh.images.size > 0 ? { fresh } : {}),
            });
          },
          onEnd: (error) => {
            unsubscribe = undefined;
            if (error) set({ error: error.message });
            if (offEvents) retry = setTimeout(subscribe, retryMs);
          },
        },
      );
    };

    return {
      map: null,
      error: null,
      fresh: { layers: new Set(), images: new Set() },
      expanded: new Set(),
      selected: null,
      writable: {},
      start() {
        if (offEvents) return;
        offEvents = events.on(['container'], (event) => {
          const base = event.action.split(':')[0] ?? '';
          if (writableChangers.has(base) && shown.has(event.id)) read(event.id);
        });
        subscribe();
      },
      stop() {
        offEvents?.();
        offEvents = undefined;
        clearTimeout(retry);
        unsubscribe?.();
        unsubscribe = undefined;
        queue.length = 0;
      },
      toggleExpanded(key) {
        const expanded = new Set(get().expanded);
        if (!expanded.delete(key)) expanded.add(key);
        set({ expanded });
      },
      select(selection) {
        set({ selected: selection });
        if (selection?.kind === 'container' && !get().writable[selection.id]) read(selection.id);
      },
      showContainers(ids) {
        shown = new Set(ids);
        for (const id of ids) if (!get().writable[id]) read(id);
      },
      refreshWritable(id) {
        read(id);
      },
    };
  });
  return store;
}
