import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PausableTimer } from './pausable-timer.js';

describe('pausable timer (toasts that close themselves)', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('fires after its time, and not while paused; resumes with the time left', () => {
    const done = vi.fn();
    const timer = new PausableTimer(8000, done, () => Date.now());
    timer.start();
    vi.advanceTimersByTime(5000);
    timer.pause('hover');
    vi.advanceTimersByTime(60_000);
    expect(done).not.toHaveBeenCalled();
    timer.pause('focus');
    timer.resume('hover');
    vi.advanceTimersByTime(60_000);
    expect(done).not.toHaveBeenCalled();
    timer.resume('focus');
    vi.advanceTimersByTime(2999);
    expect(done).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(done).toHaveBeenCalledTimes(1);
    timer.resume('hover');
    vi.advanceTimersByTime(60_000);
    expect(done).toHaveBeenCalledTimes(1);
  });

  it('stops for good', () => {
    const done = vi.fn();
    const timer = new PausableTimer(100, done);
    timer.start();
    timer.stop();
    vi.advanceTimersByTime(1000);
    expect(done).not.toHaveBeenCalled();
  });
});
