import { describe, expect, it } from 'vitest';
import { recentEventsWindow } from './recent-events.js';

describe('recentEventsWindow', () => {
  it('reaches to the end of the current millisecond, so an event stamped within it (in nanoseconds) is included', () => {
    const nowMs = 1_764_790_000_123;
    const { until } = recentEventsWindow(nowMs, 60);
    const eventLaterInTheSameMillisecond = BigInt(nowMs) * 1_000_000n + 999_999n;
    // The engine compares an event's TimeNano against until in nanoseconds.
    const untilNano = BigInt(Math.round(until * 1000)) * 1_000_000n;
    expect(eventLaterInTheSameMillisecond <= untilNano).toBe(true);
  });

  it('starts `seconds` before now, on a whole second', () => {
    expect(recentEventsWindow(1_764_790_000_123, 60).since).toBe(1_764_789_940);
  });
});
