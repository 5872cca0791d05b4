import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SnapshotThrottle } from './snapshot-throttle.js';

describe('snapshot throttle', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('sends the first change at once, then at most one snapshot per interval', () => {
    let state = 0;
    const sent: number[] = [];
    const t = new SnapshotThrottle(
      () => state,
      (v) => (sent.push(v), true),
      100,
      500,
      () => Date.now(),
    );
    state = 1;
    t.changed();
    for (let i = 2; i <= 50; i++) {
      state = i;
      t.changed();
      vi.advanceTimersByTime(5);
    }
    // 49 changes over 245 ms: the first at once, then one per 100 ms with the latest value.
    expect(sent[0]).toBe(1);
    expect(sent.length).toBeLessThanOrEqual(4);
    vi.advanceTimersByTime(100);
    expect(sent.at(-1)).toBe(50);
  });

  it('flushes the pending state at once, and backs off when the transport is full', () => {
    let state = 0;
    const sent: number[] = [];
    let full = true;
    const t = new SnapshotThrottle(
      () => state,
      (v) => (sent.push(v), !full),
      100,
      500,
      () => Date.now(),
    );
    t.changed();
    expect(sent).toEqual([0]);
    state = 1;
    t.changed();
    vi.advanceTimersByTime(200);
    expect(sent).toEqual([0]);
    full = false;
    vi.advanceTimersByTime(300);
    expect(sent).toEqual([0, 1]);
    state = 2;
    t.changed();
    t.flush();
    expect(sent).toEqual([0, 1, 2]);
    t.stop();
    state = 3;
    t.changed();
    vi.advanceTimersByTime(1000);
    expect(sent).toEqual([0, 1, 2]);
  });
});
