import { afterEach, describe, expect, it, vi } from 'vitest';
import type { EngineEvent } from '../../../shared/engine-types.js';
import type { EngineEventListener } from '../engine-events/engine-event-hub.js';
import { appendEvents } from './event-ring.js';
import { createEventsTimelineStore } from './events-timeline-store.js';

function fakeHub() {
  const listeners = new Set<EngineEventListener>();
  return {
    onAny(listener: EngineEventListener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    emit(event: EngineEvent) {
      for (const l of listeners) l(event);
    },
    get size() {
      return listeners.size;
    },
  };
}

const ev = (action: string, id = 'c1', type = 'container'): EngineEvent => ({ type, action, id, timeNano: 1 });

afterEach(() => vi.useRealTimers());

describe('the events timeline store', () => {
  it('keeps the last events up to its cap and counts those dropped', () => {
    vi.useFakeTimers();
    const hub = fakeHub();
    const store = createEventsTimelineStore(hub, { cap: 3, batchMs: 10 });
    for (const a of ['create', 'start', 'die', 'start', 'die']) hub.emit(ev(a));
    expect(store.getState().events).toHaveLength(0);
    vi.advanceTimersByTime(10);
    expect(store.getState().events.map((e) => [e.seq, e.action])).toEqual([
      [3, 'die'],
      [4, 'start'],
      [5, 'die'],
    ]);
    expect(store.getState().dropped).toBe(2);
    store.dispose();
    expect(hub.size).toBe(0);
  });

  it('marks objects removed, and present again when made again under the same name', () => {
    vi.useFakeTimers();
    const hub = fakeHub();
    const store = createEventsTimelineStore(hub, { batchMs: 1 });
    hub.emit(ev('destroy', 'c1'));
    hub.emit(ev('delete', 'sha256:i', 'image'));
    hub.emit(ev('destroy', 'data', 'volume'));
    hub.emit(ev('create', 'data', 'volume'));
    vi.advanceTimersByTime(1);
    expect([...store.getState().gone].sort()).toEqual(['container:c1', 'image:sha256:i']);
  });

  it('toggles types and actions, narrows to an object, and clears', () => {
    const store = createEventsTimelineStore(fakeHub());
    store.getState().toggleType('container');
    store.getState().toggleAction('start');
    store.getState().toggleAction('die');
    store.getState().toggleAction('start');
    store.getState().setObject({ type: 'container', id: 'c1', label: 'web' });
    const { filter } = store.getState();
    expect([...filter.types]).toEqual(['container']);
    expect([...filter.actions]).toEqual(['die']);
    expect(filter.object?.id).toBe('c1');
    store.getState().clearFilter();
    expect(store.getState().filter.types.size).toBe(0);
    store.dispose();
  });

  it("starts with the engine's recent past before the live events, an event in both kept once", async () => {
    vi.useFakeTimers();
    const hub = fakeHub();
    let answer: (events: EngineEvent[]) => void = () => undefined;
    const store = createEventsTimelineStore(hub, {
      batchMs: 1,
      now: () => 1_000_000,
      pastSeconds: 60,
      recent: () => new Promise((resolve) => (answer = resolve)),
    });
    const live = { ...ev('start', 'c2'), timeNano: 30 };
    hub.emit(live);
    vi.advanceTimersByTime(1);
    answer([{ ...ev('create', 'c1'), timeNano: 10 }, { ...ev('start', 'c1'), timeNano: 20 }, live]);
    await vi.waitFor(() => expect(store.getState().events).toHaveLength(3));
    expect(store.getState().events.map((e) => `${e.action} ${e.id}`)).toEqual(['create c1', 'start c1', 'start c2']);
    expect(new Set(store.getState().events.map((e) => e.seq)).size).toBe(3);
    expect(store.getState().since).toBe(1_000_000 - 60_000);
  });

  it('says when the recent past could not be read, and keeps recording', async () => {
    const store = createEventsTimelineStore(fakeHub(), { recent: () => Promise.reject(new Error('engine gone')) });
    await vi.waitFor(() => expect(store.getState().pastError).toBe('engine gone'));
  });

  it('appends a batch without copying when nothing came', () => {
    const ring = { events: [], dropped: 0 };
    expect(appendEvents(ring, [], 10)).toBe(ring);
  });
});
