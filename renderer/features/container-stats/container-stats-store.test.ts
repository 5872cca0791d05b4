import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { StatsSample } from '../../../shared/container-detail-types.js';
import { BerthClient } from '../../api/client.js';
import { FakeTransport, flushPromises } from '../../test-support/fake-transport.js';
import { createContainerStatsStore } from './container-stats-store.js';
import type { ShownContainer } from './watched-ids.js';

const watchId = 'f'.repeat(32);
const row = (id: string, state: ShownContainer['state'] = 'running'): ShownContainer => ({ id, state });
const sample = (cpuPercent: number, time = Date.now()): StatsSample => ({
  time,
  cpuPercent,
  memoryUsage: 10_000_000,
  memoryLimit: 100_000_000,
  networkRx: 0,
  networkTx: 0,
  blockRead: 0,
  blockWrite: 0,
  pids: 2,
});

function setup() {
  const transport = new FakeTransport();
  /** The server's side of the set: answers with the ids it was given. */
  transport.reply('containers.statsWatchSet', (input: unknown) => ({ watching: (input as { ids: string[] }).ids }));
  const store = createContainerStatsStore(new BerthClient(transport), { settleMs: 100, retryMs: 1000 });
  const setCalls = () => transport.callsTo('containers.statsWatchSet').map((c) => (c.input as { ids: string[] }).ids);
  const streams = () => transport.openStreams('containers.statsWatch');
  /** The server accepts the stream: first message with the watch id. */
  const accept = () => {
    const ids = (streams()[0]!.input as { ids: string[] }).ids;
    transport.emit('containers.statsWatch', { watch: watchId, watching: ids, samples: [], ended: [] });
  };
  return { transport, store, setCalls, streams, accept };
}

describe('container stats store', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('opens one stream for the running rows on screen once they settle, none while nothing runs', async () => {
    const { store, streams, accept } = setup();
    store.getState().show([row('a', 'exited'), row('b', 'created')]);
    await vi.advanceTimersByTimeAsync(500);
    expect(streams()).toHaveLength(0);

    store.getState().show([row('a'), row('b', 'exited'), row('c'), row('d', 'paused')]);
    expect(streams()).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(100);
    expect(streams().map((s) => s.input)).toEqual([{ ids: ['a', 'c'] }]);
    accept();
    expect(store.getState().watching).toEqual(['a', 'c']);
  });

  it('keeps the newest sample and the CPU history per container, ignoring containers not asked for', async () => {
    const { transport, store, accept } = setup();
    store.getState().show([row('a')]);
    await vi.advanceTimersByTimeAsync(100);
    accept();
    transport.emit('containers.statsWatch', { samples: [{ id: 'a', sample: sample(5, 1000) }], ended: [] });
    transport.emit('containers.statsWatch', {
      samples: [
        { id: 'a', sample: sample(7, 2000) },
        { id: 'zz', sample: sample(1) },
      ],
      ended: [],
    });
    // An older sample (reordered) does not replace a newer one.
    transport.emit('containers.statsWatch', { samples: [{ id: 'a', sample: sample(1, 1500) }], ended: [] });
    const entry = store.getState().stats.get('a');
    expect(entry?.last.cpuPercent).toBe(7);
    expect(entry?.cpu).toEqual([5, 7]);
    expect(store.getState().stats.has('zz')).toBe(false);
  });

  it('tells the server when rows scroll away or come on screen, and drops the stats of rows that left', async () => {
    const { transport, store, setCalls, accept } = setup();
    store.getState().show([row('a'), row('b')]);
    await vi.advanceTimersByTimeAsync(100);
    accept();
    transport.emit('containers.statsWatch', { samples: [{ id: 'a', sample: sample(5) }], ended: [] });

    // Scrolling passes several sets within the settle time: one change goes out, the last.
    store.getState().show([row('b'), row('c')]);
    store.getState().show([row('c'), row('d')]);
    await vi.advanceTimersByTimeAsync(100);
    expect(setCalls()).toEqual([['c', 'd']]);
    expect(transport.callsTo('containers.statsWatchSet')[0]!.input).toEqual({ watch: watchId, ids: ['c', 'd'] });
    await flushPromises();
    expect(store.getState().watching).toEqual(['c', 'd']);
    expect(store.getState().stats.has('a')).toBe(false);

    // The same running rows in another order (or re-rendered) ask nothing.
    store.getState().show([row('d'), row('c'), row('e', 'exited')]);
    await vi.advanceTimersByTimeAsync(100);
    expect(setCalls()).toHaveLength(1);
  });

  it('waits for the watch id before changing the set, and for a change in flight before the next', async () => {
    const { transport, store, setCalls, accept } = setup();
    store.getState().show([row('a')]);
    await vi.advanceTimersByTimeAsync(100);
    store.getState().show([row('b')]);
    await vi.advanceTimersByTimeAsync(100);
    expect(setCalls()).toEqual([]);
    accept();
    expect(setCalls()).toEqual([['b']]);

    let answer: (v: { ok: true; value: { watching: string[] } }) => void = () => undefined;
    transport.handle('containers.statsWatchSet', () => new Promise((resolve) => (answer = resolve)));
    store.getState().show([row('c')]);
    await vi.advanceTimersByTimeAsync(100);
    store.getState().show([row('d')]);
    await vi.advanceTimersByTimeAsync(100);
    expect(setCalls()).toEqual([['b'], ['c']]);
    answer({ ok: true, value: { watching: ['c'] } });
    await flushPromises();
    expect(setCalls()).toEqual([['b'], ['c'], ['d']]);
  });

  it('a container whose stats ended is not asked for again until its row changes', async () => {
    const { transport, store, setCalls, accept } = setup();
    const a = row('a');
    const b = row('b');
    store.getState().show([a, b]);
    await vi.advanceTimersByTimeAsync(100);
    accept();
    transport.emit('containers.statsWatch', { samples: [{ id: 'a', sample: sample(5) }], ended: [] });
    transport.emit('containers.statsWatch', { samples: [], ended: [{ id: 'a', reason: 'The container is not running' }] });
    expect(store.getState().stats.has('a')).toBe(false);
    expect(store.getState().ended.get('a')).toBe('The container is not running');
    expect(store.getState().watching).toEqual(['b']);

    // The list has not caught up (the row still says running, same object): nothing is asked.
    store.getState().show([a, b]);
    await vi.advanceTimersByTimeAsync(100);
    expect(setCalls()).toEqual([]);

    // A new row for it (the list saw a change, e.g. it was started again): asked for again.
    store.getState().show([row('a'), b]);
    await vi.advanceTimersByTimeAsync(100);
    expect(setCalls()).toEqual([['a', 'b']]);
  });

  it('closes the stream when the view stops, and opens it again when it comes back', async () => {
    const { store, streams, accept } = setup();
    store.getState().show([row('a')]);
    await vi.advanceTimersByTimeAsync(100);
    accept();
    store.getState().stop();
    expect(streams()).toHaveLength(0);
    expect(store.getState()).toMatchObject({ watching: [], error: null });
    expect(store.getState().stats.size).toBe(0);
    await vi.advanceTimersByTimeAsync(5000);
    expect(streams()).toHaveLength(0);

    store.getState().show([row('a')]);
    await vi.advanceTimersByTimeAsync(100);
    expect(streams()).toHaveLength(1);
  });

  it('shows a failed stream and opens it again later; a watch the server lost is opened again at once', async () => {
    const { transport, store, streams, accept } = setup();
    store.getState().show([row('a')]);
    await vi.advanceTimersByTimeAsync(100);
    accept();
    transport.end('containers.statsWatch', { code: 'ENGINE_UNAVAILABLE', message: 'No engine answers' });
    expect(store.getState().error).toBe('No engine answers');
    expect(streams()).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1000);
    expect(streams()).toHaveLength(1);
    accept();
    expect(store.getState().error).toBeNull();

    transport.fail('containers.statsWatchSet', { code: 'NOT_FOUND', message: 'This stats watch is not open' });
    store.getState().show([row('b')]);
    await vi.advanceTimersByTimeAsync(100);
    await flushPromises();
    expect(streams().map((s) => s.input)).toEqual([{ ids: ['b'] }]);
    expect(transport.streams.filter((s) => s.name === 'containers.statsWatch')).toHaveLength(3);
  });
});
