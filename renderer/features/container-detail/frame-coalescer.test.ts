import { describe, expect, it } from 'vitest';
import { createFrameCoalescer, type FrameScheduler } from './frame-coalescer.js';

function fakeFrames(): FrameScheduler & { tick(): void } {
  let next = 1;
  const queued = new Map<number, () => void>();
  return {
    request: (cb) => {
      queued.set(next, cb);
      return next++;
    },
    cancel: (h) => void queued.delete(h),
    tick() {
      const due = [...queued.values()];
      queued.clear();
      for (const cb of due) cb();
    },
  };
}

describe('createFrameCoalescer', () => {
  it('flushes once per frame however many requests came in', () => {
    const frames = fakeFrames();
    let flushes = 0;
    const c = createFrameCoalescer(() => flushes++, frames);
    for (let i = 0; i < 1000; i++) c.request();
    expect(flushes).toBe(0);
    frames.tick();
    expect(flushes).toBe(1);
    frames.tick();
    expect(flushes).toBe(1);
    c.request();
    frames.tick();
    expect(flushes).toBe(2);
  });

  it('does not flush after cancel', () => {
    const frames = fakeFrames();
    let flushes = 0;
    const c = createFrameCoalescer(() => flushes++, frames);
    c.request();
    c.cancel();
    frames.tick();
    expect(flushes).toBe(0);
  });
});
