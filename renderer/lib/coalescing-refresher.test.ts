import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createCoalescingRefresher } from './coalescing-refresher.js';

describe('createCoalescingRefresher', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('turns a burst of requests into one run after the quiet time', async () => {
    const work = vi.fn(async () => undefined);
    const refresher = createCoalescingRefresher(work, { debounceMs: 100 });
    for (let i = 0; i < 50; i++) refresher.request();
    await vi.advanceTimersByTimeAsync(99);
    expect(work).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(work).toHaveBeenCalledTimes(1);
  });

  it('still runs during an endless stream of requests, at most every maxWait', async () => {
    const work = vi.fn(async () => undefined);
    const refresher = createCoalescingRefresher(work, { debounceMs: 100, maxWaitMs: 300 });
    for (let t = 0; t < 1000; t += 50) {
      refresher.request();
      await vi.advanceTimersByTimeAsync(50);
    }
    expect(work.mock.calls.length).toBeGreaterThanOrEqual(3);
    expect(work.mock.calls.length).toBeLessThanOrEqual(4);
  });

  it('never runs twice at once; requests during a run cause exactly one more run', async () => {
    let release: () => void = () => undefined;
    let active = 0;
    let maxActive = 0;
    const work = vi.fn(async () => {
      active += 1;
      maxActive = Math.max(maxActive, active);
      await new Promise<void>((resolve) => {
        release = resolve;
      });
      active -= 1;
    });
    const refresher = createCoalescingRefresher(work, { debounceMs: 10 });
    const first = refresher.runNow();
    void refresher.runNow();
    void refresher.runNow();
    release();
    await vi.advanceTimersByTimeAsync(0);
    release();
    await first;
    await vi.advanceTimersByTimeAsync(50);
    expect(work).toHaveBeenCalledTimes(2);
    expect(maxActive).toBe(1);
  });

  it('requests during a run wait for the debounce after it instead of running back to back', async () => {
    let release: () => void = () => undefined;
    const work = vi.fn(
      () =>
        new Promise<void>((resolve) => {
          release = resolve;
        }),
    );
    const refresher = createCoalescingRefresher(work, { debounceMs: 100 });
    void refresher.runNow();
    for (let i = 0; i < 10; i++) refresher.request();
    release();
    await vi.advanceTimersByTimeAsync(50);
    expect(work).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(60);
    expect(work).toHaveBeenCalledTimes(2);
    release();
    await vi.advanceTimersByTimeAsync(500);
    expect(work).toHaveBeenCalledTimes(2);
  });

  it('cancel drops a pending run', async () => {
    const work = vi.fn(async () => undefined);
    const refresher = createCoalescingRefresher(work, { debounceMs: 100 });
    refresher.request();
    refresher.cancel();
    await vi.advanceTimersByTimeAsync(500);
    expect(work).not.toHaveBeenCalled();
  });
});
