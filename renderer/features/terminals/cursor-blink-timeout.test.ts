import { describe, expect, it } from 'vitest';
import { CursorBlinkTimeout, type BlinkClock } from './cursor-blink-timeout.js';

function fakeClock(): BlinkClock & { advance(ms: number): void; pending(): number } {
  let now = 0;
  let timers: { at: number; callback: () => void; id: number }[] = [];
  let nextId = 1;
  return {
    now: () => now,
    setTimer: (callback, ms) => {
      const id = nextId++;
      timers.push({ at: now + ms, callback, id });
      return id;
    },
    clearTimer: (id) => void (timers = timers.filter((t) => t.id !== id)),
    advance(ms) {
      const until = now + ms;
      for (;;) {
        const due = timers.filter((t) => t.at <= until).sort((a, b) => a.at - b.at)[0];
        if (!due) break;
        timers = timers.filter((t) => t !== due);
        now = due.at;
        due.callback();
      }
      now = until;
    },
    pending: () => timers.length,
  };
}

describe('CursorBlinkTimeout', () => {
  it('blinks on activity and stops after the quiet spell', () => {
    const clock = fakeClock();
    const calls: boolean[] = [];
    const blink = new CursorBlinkTimeout((on) => calls.push(on), 10_000, clock);
    blink.activity();
    expect(calls).toEqual([true]);
    clock.advance(9_999);
    expect(calls).toEqual([true]);
    clock.advance(1);
    expect(calls).toEqual([true, false]);
    expect(clock.pending()).toBe(0);
  });

  it('counts the quiet spell from the last key, with one timer however many keys', () => {
    const clock = fakeClock();
    const calls: boolean[] = [];
    const blink = new CursorBlinkTimeout((on) => calls.push(on), 10_000, clock);
    blink.activity();
    for (let i = 0; i < 50; i++) {
      clock.advance(100);
      blink.activity();
    }
    expect(clock.pending()).toBe(1);
    expect(calls).toEqual([true]);
    clock.advance(9_999);
    expect(calls).toEqual([true]);
    clock.advance(1);
    expect(calls).toEqual([true, false]);
    blink.activity();
    expect(calls).toEqual([true, false, true]);
  });

  it('does nothing once disposed', () => {
    const clock = fakeClock();
    const calls: boolean[] = [];
    const blink = new CursorBlinkTimeout((on) => calls.push(on), 10_000, clock);
    blink.activity();
    blink.dispose();
    clock.advance(20_000);
    blink.activity();
    expect(calls).toEqual([true]);
    expect(clock.pending()).toBe(0);
  });
});
