import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { StatsSample } from '../../../shared/container-detail-types.js';
import { BerthError } from '../../../shared/errors.js';
import type { StatsWatchMessage } from '../../../shared/stats-watch-contract.js';
import type { StreamSink } from '../stream-sink.js';
import { isNotRunningSample, notRunningReason, StatsWatches, type StatsSubscribe } from './stats-watches.js';

const running = (cpuPercent: number, time = 1): StatsSample => ({
  time,
  cpuPercent,
  memoryUsage: 1024,
  memoryLimit: 4096,
  networkRx: 0,
  networkTx: 0,
  blockRead: 0,
  blockWrite: 0,
  pids: 1,
});
const stopped: StatsSample = { ...running(0), cpuPercent: null, memoryUsage: 0, memoryLimit: 0, pids: 0 };

/** Shared streams as the watch sees them: who subscribed to what, with which share. */
function fakeShared(opts: { refuse?: Set<string>; last?: Map<string, StatsSample> } = {}) {
  const open = new Map<string, { sink: StreamSink<StatsSample>; shareKey: string; max: number }>();
  const subscribe: StatsSubscribe = (id, sink, shareKey, max) => {
    if (opts.refuse?.has(id)) throw new BerthError({ code: 'LIMIT_REACHED', message: `refused ${id}` });
    open.set(id, { sink, shareKey, max });
    const last = opts.last?.get(id);
    if (last) sink.send(last);
    return () => open.delete(id);
  };
  return { open, subscribe };
}

function client(sendResult = true) {
  const messages: StatsWatchMessage[] = [];
  const sink: StreamSink<StatsWatchMessage> = { send: (m) => (messages.push(m), sendResult), end: vi.fn() };
  return { messages, sink, watchId: () => messages[0]!.watch! };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('StatsWatches', () => {
  it('tells a stopped container by its empty sample', () => {
    expect(isNotRunningSample(stopped)).toBe(true);
    expect(isNotRunningSample(running(0))).toBe(false);
    expect(isNotRunningSample({ ...running(0), pids: 0 })).toBe(false);
  });

  it('sends the watch id first, then the newest sample of each container per batch', () => {
    const shared = fakeShared();
    const watches = new StatsWatches(shared.subscribe, { batchMs: 100 });
    const page = client();
    watches.open(['a', 'b'], page.sink, 'c1');
    expect(page.messages).toEqual([{ watch: expect.stringMatching(/^[0-9a-f]{32}$/), watching: ['a', 'b'], samples: [], ended: [] }]);
    // Counted under the watch's own share key, so detail panes keep theirs.
    expect(shared.open.get('a')).toMatchObject({ shareKey: 'stats-watch:c1', max: 64 });

    shared.open.get('a')!.sink.send(running(1, 1));
    shared.open.get('a')!.sink.send(running(2, 2));
    shared.open.get('b')!.sink.send(running(3, 3));
    expect(page.messages).toHaveLength(1);
    vi.advanceTimersByTime(100);
    expect(page.messages).toHaveLength(2);
    expect(page.messages[1]).toEqual({
      samples: [
        { id: 'a', sample: running(2, 2) },
        { id: 'b', sample: running(3, 3) },
      ],
      ended: [],
    });
    vi.advanceTimersByTime(1000);
    expect(page.messages).toHaveLength(2);
  });

  it('set closes what left the set, opens what joined, and drops pending samples of what left', () => {
    const shared = fakeShared();
    const watches = new StatsWatches(shared.subscribe, { batchMs: 100 });
    const page = client();
    watches.open(['a', 'b'], page.sink, 'c1');
    shared.open.get('a')!.sink.send(running(1));
    expect(watches.set('c1', page.watchId(), ['b', 'c', 'c'])).toEqual({ watching: ['b', 'c'] });
    expect([...shared.open.keys()].sort()).toEqual(['b', 'c']);
    expect(watches.followed).toBe(2);
    vi.advanceTimersByTime(100);
    expect(page.messages).toHaveLength(1);
  });

  it('answers an unknown watch, or another client’s, with NOT_FOUND', () => {
    const watches = new StatsWatches(fakeShared().subscribe);
    const page = client();
    watches.open([], page.sink, 'c1');
    expect(() => watches.set('c2', page.watchId(), ['a'])).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
    expect(() => watches.set('c1', '0'.repeat(32), ['a'])).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
  });

  it('ends a container whose sample says it stopped, even one handed over while subscribing', () => {
    const shared = fakeShared({ last: new Map([['s', stopped]]) });
    const watches = new StatsWatches(shared.subscribe, { batchMs: 100 });
    const page = client();
    watches.open(['s', 'a'], page.sink, 'c1');
    expect(shared.open.has('s')).toBe(false);
    expect(page.messages[0]!.watching).toEqual(['a']);
    shared.open.get('a')!.sink.send(running(5));
    shared.open.get('a')!.sink.send(stopped);
    expect(shared.open.has('a')).toBe(false);
    vi.advanceTimersByTime(100);
    expect(page.messages[1]).toEqual({
      samples: [],
      ended: [
        { id: 's', reason: notRunningReason },
        { id: 'a', reason: notRunningReason },
      ],
    });
    expect(watches.followed).toBe(0);
    // Set again (started again): followed anew.
    expect(watches.set('c1', page.watchId(), ['a']).watching).toEqual(['a']);
  });

  it('reports a refusal or an engine stream that ended as an ended container with the reason', () => {
    const shared = fakeShared({ refuse: new Set(['x']) });
    const watches = new StatsWatches(shared.subscribe, { batchMs: 100 });
    const page = client();
    watches.open(['x', 'gone'], page.sink, 'c1');
    shared.open.get('gone')!.sink.end(new BerthError({ code: 'NOT_FOUND', message: 'No such container: gone' }));
    vi.advanceTimersByTime(100);
    expect(page.messages[1]!.ended).toEqual([
      { id: 'x', reason: 'refused x' },
      { id: 'gone', reason: 'No such container: gone' },
    ]);
    expect(watches.set('c1', page.watchId(), ['x', 'gone']).watching).toEqual(['gone']);
  });

  it('sends less often while the transport is full', () => {
    const shared = fakeShared();
    const watches = new StatsWatches(shared.subscribe, { batchMs: 100 });
    const page = client(false);
    watches.open(['a'], page.sink, 'c1');
    shared.open.get('a')!.sink.send(running(1));
    vi.advanceTimersByTime(100);
    expect(page.messages).toHaveLength(2);
    shared.open.get('a')!.sink.send(running(2));
    vi.advanceTimersByTime(500);
    expect(page.messages).toHaveLength(2);
    vi.advanceTimersByTime(500);
    expect(page.messages).toHaveLength(3);
  });

  it('closing a watch releases every container and sends nothing more; closeAll ends the streams', () => {
    const shared = fakeShared();
    const watches = new StatsWatches(shared.subscribe, { batchMs: 100 });
    const page = client();
    const close = watches.open(['a', 'b'], page.sink, 'c1');
    shared.open.get('a')!.sink.send(running(1));
    close();
    expect(shared.open.size).toBe(0);
    vi.advanceTimersByTime(100);
    expect(page.messages).toHaveLength(1);
    expect(watches.openWatches).toBe(0);

    const other = client();
    watches.open(['c'], other.sink, 'c2');
    watches.closeAll();
    expect(other.sink.end).toHaveBeenCalledOnce();
    expect(shared.open.size).toBe(0);
    expect(watches.openWatches).toBe(0);
  });
});
