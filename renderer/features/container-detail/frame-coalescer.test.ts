import { describe, expect, it } from 'vitest';
import { createFrameCoalescer, type FrameScheduler } from './frame-coalescer.js';

/** Frames every 16 ms and timers on a clock the test moves. */
function fakeFrames(): FrameScheduler & { advance(ms: number): void } {
  let clock = 0;
  let next = 1;
  const frames = new Map<number, () => void>();
  const timers = new Map<number, { at: number; cb: () => void }>();
  let nextFrameAt = 16;
  return {
    request: (cb) => {
      frames.set(next, cb);
      return next++;
    },
    cancel: (h) => void frames.delete(h),
    after: (ms, cb) => {
      timers.set(next, { at: clock + ms, cb });
      return next++;
    },
    cancelAfter: (h) => void timers.delete(h),
    now: () => clock,
    advance(ms) {
      const end = clock + ms;
      while (clock < end) {
        clock += 1;
        for (const [h, t] of [...timers]) {
          if (t.at > clock) continue;
          timers.delete(h);
          t.cb();
        }
        if (clock >= nextFrameAt) {
          nextFrameAt += 16;
          const due = [...frames.values()];
          frames.clear();
          for (const cb of due) cb();
        }
      }
    },
  };
}

describe('createFrameCoalescer', () => {
  it('flushes once per frame however many requests came in', () => {
    const frames = fakeFrames();
    let flushes = 0;
    const c = createFrameCoalescer(() => flushes++, 0, frames);
    for (let i = 0; i < 1000; i++) c.request();
    expect(flushes).toBe(0);
    frames.advance(16);
    expect(flushes).toBe(1);
    frames.advance(16);
    expect(flushes).toBe(1);
    c.request();
    frames.advance(16);
    expect(flushes).toBe(2);
  });

  it('under a flood flushes at most once per interval, in a frame', () => {
    const frames = fakeFrames();
    const at: number[] = [];
    const c = createFrameCoalescer(() => at.push(frames.now()), 50, frames);
    for (let t = 0; t < 1000; t++) {
      c.request();
      frames.advance(1);
    }
    expect(at.length).toBeGreaterThanOrEqual(12);
    expect(at.length).toBeLessThanOrEqual(20);
    for (let i = 1; i < at.length; i++) expect((at[i] as number) - (at[i - 1] as number)).toBeGreaterThanOrEqual(50);
    for (const t of at) expect(t % 16).toBe(0);
  });

  it('does not flush after cancel', () => {
    const frames = fakeFrames();
    let flushes = 0;
    const c = createFrameCoalescer(() => flushes++, 50, frames);
    c.request();
    frames.advance(16);
    c.request();
    c.cancel();
    frames.advance(200);
    expect(flushes).toBe(1);
  });
});
