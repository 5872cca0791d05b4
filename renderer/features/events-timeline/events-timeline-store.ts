import { createStore, type StoreApi } from 'zustand/vanilla';
import type { EngineEvent } from '../../../shared/engine-types.js';
import type { EngineEventHub } from '../engine-events/engine-event-hub.js';
import { noFilter, type EventFilter, type EventObject } from './event-filter.js';
import { appendEvents, goneKey, removesObject, type EventRing, type TimelineEvent } from './event-ring.js';

export interface EventsTimelineState extends EventRing {
  /** Unix ms from which the timeline holds what the engine did (the engine's recent past, then live). */
  since: number;
  /** Why the engine's recent past could not be read (the live events still come). */
  pastError: string | null;
  filter: EventFilter;
  /** `type:id` of objects an event removed. */
  gone: ReadonlySet<string>;
  toggleType(type: string): void;
  toggleAction(action: string): void;
  setObject(object: EventObject | null): void;
  clearFilter(): void;
  /** Forgets the events held (the filter stays). */
  clear(): void;
}

export type EventsTimelineStore = StoreApi<EventsTimelineState> & { dispose(): void };

export interface EventsTimelineOptions {
  /** How many events are kept; older ones are dropped and counted. */
  cap?: number;
  /** Events arriving within this many ms are added together (a burst redraws once). */
  batchMs?: number;
  now?: () => number;
  /** Reads what the engine did in the last `seconds`, shown before the live events. */
  recent?: (seconds: number) => Promise<EngineEvent[]>;
  /** How far back `recent` reaches, in seconds. */
  pastSeconds?: number;
}

export const defaultEventCap = 5000;

function toggled(set: ReadonlySet<string>, value: string): Set<string> {
  const next = new Set(set);
  if (!next.delete(value)) next.add(value);
  return next;
}

/** Every engine event from the moment it is created, the last `cap` of them, with the filter the view applies. */
export function createEventsTimelineStore(events: Pick<EngineEventHub, 'onAny'>, options: EventsTimelineOptions = {}): EventsTimelineStore {
  const cap = options.cap ?? defaultEventCap;
  const batchMs = options.batchMs ?? 50;
  let seq = 0;
  let pending: TimelineEvent[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;

  const startedAt = (options.now ?? Date.now)();
  const store = createStore<EventsTimelineState>()((set, get) => ({
    events: [],
    dropped: 0,
    since: startedAt,
    pastError: null,
    filter: noFilter,
    gone: new Set(),
    toggleType: (type) => set({ filter: { ...get().filter, types: toggled(get().filter.types, type) } }),
    toggleAction: (action) => set({ filter: { ...get().filter, actions: toggled(get().filter.actions, action) } }),
    setObject: (object) => set({ filter: { ...get().filter, object } }),
    clearFilter: () => set({ filter: noFilter }),
    clear: () => set({ events: [], dropped: 0 }),
  }));

  const flush = (): void => {
    timer = undefined;
    const batch = pending;
    pending = [];
    let gone = store.getState().gone;
    // In order: a volume or network made again under the same name is there again.
    for (const event of batch) {
      const key = goneKey(event);
      if (removesObject(event) && !gone.has(key)) gone = new Set(gone).add(key);
      else if (event.action === 'create' && gone.has(key)) (gone = new Set(gone)).delete(key);
    }
    store.setState({ ...appendEvents(store.getState(), batch, cap), gone });
  };

  const off = events.onAny((event: EngineEvent) => {
    pending.push({ ...event, seq: ++seq });
    timer ??= setTimeout(flush, batchMs);
  });

  // The engine's recent past goes before whatever came live meanwhile (an event in both is kept once).
  const pastSeconds = options.pastSeconds ?? 600;
  const keyOf = (e: EngineEvent): string => `${e.timeNano}|${e.type}|${e.action}|${e.id}`;
  void options.recent?.(pastSeconds).then(
    (past) => {
      const held = store.getState();
      const live = new Set([...held.events, ...pending].map(keyOf));
      const older = past.filter((e) => !live.has(keyOf(e))).map((e, i) => ({ ...e, seq: i - past.length }));
      const merged = appendEvents({ events: older, dropped: 0 }, held.events, cap);
      store.setState({ events: merged.events, dropped: held.dropped + merged.dropped, since: startedAt - pastSeconds * 1000 });
    },
    (error: unknown) => store.setState({ pastError: error instanceof Error ? error.message : String(error) }),
  );

  return Object.assign(store, {
    dispose() {
      off();
      clearTimeout(timer);
    },
  });
}
