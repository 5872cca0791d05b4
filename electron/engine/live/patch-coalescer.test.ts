import { describe, expect, it } from 'vitest';
import { PatchCoalescer, type LivePatch, type PatchTimers } from './patch-coalescer.js';

/** Timers that run only when the test moves the clock. */
function fakeTimers(): PatchTimers & { advance(ms: number): void } {
  let now = 1000;
  let timers: Array<{ at: number; run: () => void; id: number }> = [];
  let nextId = 1;
  return {
    now: () => now,
    setTimeout(run, ms) {
      const id = nextId++;
      timers.push({ at: now + ms, run, id });
      return id;
    },
    clearTimeout(handle) {
      timers = timers.filter((t) => t.id !== handle);
    },
    advance(ms) {
      now += ms;
      for (const due of timers.filter((t) => t.at <= now)) {
        timers = timers.filter((t) => t !== due);
        due.run();
      }
    },
  };
}

interface Item {
  id: string;
  v: number;
}
const keyOf = (i: Item): string => i.id;

function setup(accept: () => boolean = () => true) {
  const timers = fakeTimers();
  const sent: Array<LivePatch<Item>> = [];
  const coalescer = new PatchCoalescer<Item>(
    (patch) => {
      sent.push(patch);
      return accept();
    },
    16,
    250,
    timers,
  );
  return { timers, sent, coalescer };
}

describe('PatchCoalescer', () => {
  it('sends the first change after a quiet spell at once', () => {
    const { sent, coalescer } = setup();
    coalescer.add([{ id: 'a', v: 1 }], [], keyOf);
    expect(sent).toEqual([{ upsert: [{ id: 'a', v: 1 }], remove: [] }]);
  });

  it('coalesces changes within a frame into one patch at the frame end, the latest per key', () => {
    const { sent, coalescer, timers } = setup();
    coalescer.add([{ id: 'a', v: 1 }], [], keyOf);
    coalescer.add([{ id: 'b', v: 1 }], [], keyOf);
    coalescer.add([{ id: 'b', v: 2 }], ['c'], keyOf);
    coalescer.add([], ['a'], keyOf);
    expect(sent).toHaveLength(1);
    timers.advance(15);
    expect(sent).toHaveLength(1);
    timers.advance(1);
    expect(sent[1]).toEqual({ upsert: [{ id: 'b', v: 2 }], remove: ['c', 'a'] });
  });

  it('an upsert after a remove of the same key sends the upsert only', () => {
    const { sent, coalescer, timers } = setup();
    coalescer.add([{ id: 'x', v: 0 }], [], keyOf);
    coalescer.add([], ['a'], keyOf);
    coalescer.add([{ id: 'a', v: 3 }], [], keyOf);
    timers.advance(16);
    expect(sent[1]).toEqual({ upsert: [{ id: 'a', v: 3 }], remove: [] });
  });

  it('after a quiet spell longer than a frame, the next change goes at once again', () => {
    const { sent, coalescer, timers } = setup();
    coalescer.add([{ id: 'a', v: 1 }], [], keyOf);
    timers.advance(100);
    coalescer.add([{ id: 'a', v: 2 }], [], keyOf);
    expect(sent).toHaveLength(2);
  });

  it('backs off when the transport is full, merging what comes meanwhile, and sends it all later', () => {
    let room = false;
    const { sent, coalescer, timers } = setup(() => room);
    coalescer.add([{ id: 'a', v: 1 }], [], keyOf);
    expect(sent).toHaveLength(1);
    for (let v = 2; v < 50; v++) coalescer.add([{ id: 'a', v }], [], keyOf);
    timers.advance(100);
    expect(sent).toHaveLength(1);
    room = true;
    timers.advance(150);
    expect(sent).toHaveLength(2);
    expect(sent[1]).toEqual({ upsert: [{ id: 'a', v: 49 }], remove: [] });
  });

  it('a snapshot sent on the same sink starts the frame; discard and stop drop what waits', () => {
    const { sent, coalescer, timers } = setup();
    coalescer.markSent(true);
    coalescer.add([{ id: 'a', v: 1 }], [], keyOf);
    expect(sent).toHaveLength(0);
    coalescer.discard();
    timers.advance(50);
    expect(sent).toHaveLength(0);
    coalescer.add([{ id: 'a', v: 2 }], [], keyOf);
    coalescer.stop();
    coalescer.add([{ id: 'a', v: 3 }], [], keyOf);
    timers.advance(50);
    expect(sent).toEqual([{ upsert: [{ id: 'a', v: 2 }], remove: [] }]);
  });

  it('flush sends what waits now, and sends nothing when nothing waits', () => {
    const { sent, coalescer } = setup();
    coalescer.flush();
    expect(sent).toHaveLength(0);
    coalescer.add([{ id: 'a', v: 1 }], [], keyOf);
    coalescer.add([{ id: 'b', v: 1 }], [], keyOf);
    expect(coalescer.hasPending).toBe(true);
    coalescer.flush();
    expect(sent).toHaveLength(2);
    expect(coalescer.hasPending).toBe(false);
  });
});
