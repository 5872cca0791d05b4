import { describe, expect, it } from 'vitest';
import { terminalFlow } from '../../../shared/terminal-types.js';
import { WriteCoalescer, type CoalescerClock } from './write-coalescer.js';

/** A fake emulator that parses only when told to, so the test decides when it "catches up". */
function fakeEmulator() {
  const writes: { text: string; parsed: boolean; done: () => void }[] = [];
  return {
    writes,
    texts: () => writes.map((w) => w.text),
    write: (data: Uint8Array, done: () => void) => writes.push({ text: new TextDecoder().decode(data), parsed: false, done }),
    /** Parse the oldest write not yet parsed. */
    parseNext(): void {
      const next = writes.find((w) => !w.parsed);
      if (!next) throw new Error('nothing to parse');
      next.parsed = true;
      next.done();
    },
  };
}

/** A manual clock: timers run when the test advances time past them. */
function fakeClock(): CoalescerClock & { advance(ms: number): void } {
  let now = 1000;
  let timers: { at: number; callback: () => void }[] = [];
  return {
    now: () => now,
    setTimer: (callback, ms) => timers.push({ at: now + ms, callback }),
    advance(ms) {
      now += ms;
      const due = timers.filter((t) => t.at <= now);
      timers = timers.filter((t) => t.at > now);
      for (const t of due) t.callback();
    },
  };
}

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);
const noop = (): void => undefined;

describe('WriteCoalescer', () => {
  it('writes at once after a quiet spell (a keystroke echo is not held back)', () => {
    const emulator = fakeEmulator();
    const coalescer = new WriteCoalescer(emulator.write, { clock: fakeClock() });
    coalescer.push(bytes('q'), noop);
    expect(emulator.texts()).toEqual(['q']);
  });

  it('passes the echoes of fast typing straight through, but holds what follows a large hand-off', () => {
    const emulator = fakeEmulator();
    const clock = fakeClock();
    const coalescer = new WriteCoalescer(emulator.write, { clock, minIntervalMs: 25, smallBytes: 16, smallGapMs: 8 });
    coalescer.push(bytes('q'), noop);
    emulator.parseNext();
    clock.advance(10);
    coalescer.push(bytes('w'), noop);
    expect(emulator.texts()).toEqual(['q', 'w']);
    emulator.parseNext();
    clock.advance(10);
    coalescer.push(bytes('x'.repeat(20)), noop);
    expect(emulator.texts()).toHaveLength(3);
    emulator.parseNext();
    clock.advance(5);
    // A stream: held until the interval since the large write has passed.
    coalescer.push(bytes('y'), noop);
    expect(emulator.texts()).toHaveLength(3);
    clock.advance(20);
    expect(emulator.texts().at(-1)).toBe('y');
  });

  it('in a flood (a large hand-off), waits the longer flood interval before the next; after a medium one, the usual interval', () => {
    const emulator = fakeEmulator();
    const clock = fakeClock();
    const coalescer = new WriteCoalescer(emulator.write, {
      clock,
      minIntervalMs: 25,
      floodBytes: 100,
      floodIntervalMs: 50,
      smallBytes: 16,
      smallGapMs: 8,
    });
    coalescer.push(bytes('f'.repeat(100)), noop);
    emulator.parseNext();
    coalescer.push(bytes('g'.repeat(50)), noop);
    clock.advance(49);
    expect(emulator.texts()).toHaveLength(1);
    clock.advance(1);
    expect(emulator.texts().at(-1)).toBe('g'.repeat(50));
    emulator.parseNext();
    // 50 bytes is no flood: the next waits only the usual interval.
    coalescer.push(bytes('h'.repeat(50)), noop);
    clock.advance(24);
    expect(emulator.texts()).toHaveLength(2);
    clock.advance(1);
    expect(emulator.texts().at(-1)).toBe('h'.repeat(50));
  });

  it('by default hands over once half the flow-control window is held, so the source is never paused by held bytes alone', () => {
    const emulator = fakeEmulator();
    const coalescer = new WriteCoalescer(emulator.write, { clock: fakeClock() });
    coalescer.push(bytes('x'), noop);
    const half = terminalFlow.lowWatermark;
    coalescer.push(new Uint8Array(half - 1).fill(0x61), noop);
    expect(emulator.writes).toHaveLength(1);
    coalescer.push(bytes('b'), noop);
    expect(emulator.writes).toHaveLength(2);
    expect(emulator.writes[1]!.text).toHaveLength(half);
    expect(half).toBeLessThan(terminalFlow.highWatermark);
  });

  it('by default hands a flood over in few, large writes: each one costs xterm.js a drawn frame', () => {
    // The server's 256 KiB messages at ~8 MB/s, parsed at once: 16 MiB in 2 s.
    const handOffs: number[] = [];
    const clock = fakeClock();
    const coalescer = new WriteCoalescer(
      (data, done) => {
        handOffs.push(data.byteLength);
        done();
      },
      { clock },
    );
    const message = new Uint8Array(256 * 1024).fill(0x79);
    for (let i = 0; i < 64; i++) {
      coalescer.push(message, noop);
      clock.advance(32);
    }
    clock.advance(200);
    expect(handOffs.reduce((a, b) => a + b, 0)).toBe(64 * message.byteLength);
    // 100 ms apart in a flood, up to 1 MiB each: ~21 writes. A 50 ms interval or a 512 KiB cap
    // (a 1 MB flow-control window) made 32, and bench/ measured ~2.5 frames per MB instead of ~1.7.
    expect(handOffs.length).toBeLessThanOrEqual(22);
  });

  it('batches small pieces that come faster than anyone types (a busy tail -f)', () => {
    const emulator = fakeEmulator();
    const clock = fakeClock();
    const coalescer = new WriteCoalescer(emulator.write, { clock, minIntervalMs: 25, smallBytes: 16, smallGapMs: 8 });
    coalescer.push(bytes('a'), noop);
    emulator.parseNext();
    for (const piece of ['b', 'c', 'd', 'e']) {
      clock.advance(5);
      coalescer.push(bytes(piece), noop);
    }
    // 'b' came 5 ms after 'a': held with the rest, and all of them handed over 25 ms after 'a'.
    expect(emulator.texts()).toEqual(['a']);
    clock.advance(5);
    expect(emulator.texts()).toEqual(['a', 'bcde']);
  });

  it('joins what arrives while the emulator is parsing into one write, handed over once the interval has passed', () => {
    const emulator = fakeEmulator();
    const clock = fakeClock();
    const coalescer = new WriteCoalescer(emulator.write, { clock, minIntervalMs: 25, smallBytes: 0 });
    const done: string[] = [];
    coalescer.push(bytes('a'), () => done.push('a'));
    coalescer.push(bytes('b'), () => done.push('b'));
    coalescer.push(bytes('c'), () => done.push('c'));
    expect(emulator.texts()).toEqual(['a']);
    expect(coalescer.pendingBytes).toBe(2);
    clock.advance(10);
    emulator.parseNext();
    expect(done).toEqual(['a']);
    // Parsed, but the interval since the last write has not passed yet.
    expect(emulator.texts()).toEqual(['a']);
    clock.advance(15);
    expect(emulator.texts()).toEqual(['a', 'bc']);
    emulator.parseNext();
    // Each caller hears back only after its own bytes were parsed, in order.
    expect(done).toEqual(['a', 'b', 'c']);
    expect(coalescer.pendingBytes).toBe(0);
  });

  it('waits for the emulator to finish parsing even after the interval', () => {
    const emulator = fakeEmulator();
    const clock = fakeClock();
    const coalescer = new WriteCoalescer(emulator.write, { clock, minIntervalMs: 25, smallBytes: 0 });
    coalescer.push(bytes('a'), noop);
    coalescer.push(bytes('b'), noop);
    clock.advance(100);
    expect(emulator.texts()).toEqual(['a']);
    emulator.parseNext();
    expect(emulator.texts()).toEqual(['a', 'b']);
  });

  it('hands over at once when maxBytes are held, even while the emulator is busy', () => {
    const emulator = fakeEmulator();
    const coalescer = new WriteCoalescer(emulator.write, { clock: fakeClock(), maxBytes: 4, smallBytes: 0 });
    coalescer.push(bytes('x'), noop);
    coalescer.push(bytes('ab'), noop);
    coalescer.push(bytes('cd'), noop);
    coalescer.push(bytes('e'), noop);
    expect(emulator.texts()).toEqual(['x', 'abcd']);
  });

  it('keeps the order of bytes across held and direct writes', () => {
    const emulator = fakeEmulator();
    const clock = fakeClock();
    const coalescer = new WriteCoalescer(emulator.write, { clock, smallBytes: 0 });
    coalescer.push(bytes('1'), noop);
    coalescer.push(bytes('2'), noop);
    emulator.parseNext();
    clock.advance(50);
    emulator.parseNext();
    clock.advance(50);
    coalescer.push(bytes('3'), noop);
    expect(emulator.texts().join('')).toBe('123');
    expect(emulator.texts()).toEqual(['1', '2', '3']);
  });

  it('drops held output on clear, and its timer does nothing afterwards', () => {
    const emulator = fakeEmulator();
    const clock = fakeClock();
    const coalescer = new WriteCoalescer(emulator.write, { clock, smallBytes: 0 });
    const done: string[] = [];
    coalescer.push(bytes('old'), () => done.push('old'));
    emulator.parseNext();
    coalescer.push(bytes('stale'), () => done.push('stale'));
    coalescer.clear();
    clock.advance(100);
    expect(emulator.texts()).toEqual(['old']);
    coalescer.push(bytes('new'), () => done.push('new'));
    expect(emulator.texts()).toEqual(['old', 'new']);
    emulator.parseNext();
    expect(done).toEqual(['old', 'new']);
  });
});
