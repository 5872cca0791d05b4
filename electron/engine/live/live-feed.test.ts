import { describe, expect, it } from 'vitest';
import type { LiveListMessage } from '../../../shared/live-contract.js';
import { diffItems, LiveFeed } from './live-feed.js';
import type { PatchTimers } from './patch-coalescer.js';

interface Item {
  id: string;
  v: number;
  tags?: string[];
}

/** Frame timers that never fire on their own: every test flushes by hand or relies on "first change at once". */
const stillTimers: PatchTimers = { now: () => 0, setTimeout: () => 1, clearTimeout: () => undefined };

function sinkOf() {
  const messages: Array<LiveListMessage<Item>> = [];
  let ended = false;
  return {
    messages,
    get ended() {
      return ended;
    },
    sink: {
      send: (m: LiveListMessage<Item>) => (messages.push(m), true),
      end: () => {
        ended = true;
      },
    },
  };
}

const feed = () => new LiveFeed<Item>((i) => i.id, { timers: stillTimers, frameMs: 0 });

describe('diffItems', () => {
  it('upserts new and changed items (deep equality), removes the missing ones, keeps equal ones out', () => {
    const held = new Map<string, Item>([
      ['a', { id: 'a', v: 1, tags: ['x'] }],
      ['b', { id: 'b', v: 1 }],
      ['c', { id: 'c', v: 1 }],
    ]);
    const diff = diffItems(
      held,
      [
        { id: 'a', v: 1, tags: ['x'] },
        { id: 'b', v: 2 },
        { id: 'd', v: 1 },
      ],
      (i) => i.id,
    );
    expect(diff).toEqual({
      upsert: [
        { id: 'b', v: 2 },
        { id: 'd', v: 1 },
      ],
      remove: ['c'],
    });
  });
});

describe('LiveFeed', () => {
  it('a subscriber before the first list gets nothing until it arrives, then the snapshot', () => {
    const f = feed();
    const s = sinkOf();
    f.subscribe(s.sink);
    expect(s.messages).toEqual([]);
    f.reconcile([{ id: 'a', v: 1 }]);
    expect(s.messages).toEqual([{ t: 'snapshot', items: [{ id: 'a', v: 1 }] }]);
  });

  it('a subscriber to a live feed gets the snapshot at once, then only real changes as patches', () => {
    const f = feed();
    f.reconcile([{ id: 'a', v: 1 }]);
    const s = sinkOf();
    f.subscribe(s.sink);
    f.apply([{ id: 'a', v: 1 }]); // the same: nothing to send
    f.apply([{ id: 'b', v: 1 }], ['a', 'zz']);
    expect(s.messages).toEqual([
      { t: 'snapshot', items: [{ id: 'a', v: 1 }] },
      { t: 'patch', upsert: [{ id: 'b', v: 1 }], remove: ['a'] },
    ]);
    expect(f.get('b')).toEqual({ id: 'b', v: 1 });
    expect(f.size).toBe(1);
  });

  it('reconciling a live feed sends the difference as a patch', () => {
    const f = feed();
    f.reconcile([
      { id: 'a', v: 1 },
      { id: 'b', v: 1 },
    ]);
    const s = sinkOf();
    f.subscribe(s.sink);
    f.reconcile([{ id: 'b', v: 2 }]);
    expect(s.messages[1]).toEqual({ t: 'patch', upsert: [{ id: 'b', v: 2 }], remove: ['a'] });
  });

  it('stale once (pending changes first), then a fresh snapshot after reconciling', () => {
    const f = feed();
    f.reconcile([{ id: 'a', v: 1 }]);
    const s = sinkOf();
    f.subscribe(s.sink);
    f.markStale('gone');
    f.markStale('gone');
    expect(s.messages.slice(1)).toEqual([{ t: 'stale', reason: 'gone' }]);
    f.apply([{ id: 'a', v: 5 }]); // held, not sent while stale
    expect(s.messages).toHaveLength(2);
    f.reconcile([{ id: 'a', v: 6 }]);
    expect(s.messages[2]).toEqual({ t: 'snapshot', items: [{ id: 'a', v: 6 }] });
  });

  it('a new subscriber to a stale feed gets the last known items, then stale; with none, stale alone', () => {
    const empty = feed();
    empty.markStale('no engine');
    const s1 = sinkOf();
    empty.subscribe(s1.sink);
    expect(s1.messages).toEqual([{ t: 'stale', reason: 'no engine' }]);

    const f = feed();
    f.reconcile([{ id: 'a', v: 1 }]);
    f.markStale('dropped');
    const s2 = sinkOf();
    f.subscribe(s2.sink);
    expect(s2.messages).toEqual([
      { t: 'snapshot', items: [{ id: 'a', v: 1 }] },
      { t: 'stale', reason: 'dropped' },
    ]);
  });

  it('a closed subscription gets nothing more; endAll ends every stream', () => {
    const f = feed();
    f.reconcile([]);
    const a = sinkOf();
    const b = sinkOf();
    const closeA = f.subscribe(a.sink);
    f.subscribe(b.sink);
    expect(f.watchers).toBe(2);
    closeA();
    f.apply([{ id: 'x', v: 1 }]);
    expect(a.messages).toHaveLength(1);
    expect(b.messages).toHaveLength(2);
    f.endAll();
    expect(b.ended).toBe(true);
    expect(a.ended).toBe(false);
    expect(f.watchers).toBe(0);
  });
});
