import { concatBytes } from '../../../shared/concat-bytes.js';
import { terminalFlow } from '../../../shared/terminal-types.js';

/** Writes bytes to the emulator; `done` runs once it has parsed them. */
export type EmulatorWrite = (data: Uint8Array, done: () => void) => void;

/** The clock and timer the coalescer uses (the browser's in the app; a fake in tests). */
export interface CoalescerClock {
  now(): number;
  setTimer(callback: () => void, ms: number): unknown;
}

export interface WriteCoalescerOptions {
  /** Hand over at once when this much is held, however soon (bounds memory and one parse slice). */
  maxBytes?: number;
  /** While output streams, hand it to the emulator at most once per this many ms. */
  minIntervalMs?: number;
  /**
   * After a hand-off of at least `floodBytes` (output faster than anyone reads), wait
   * `floodIntervalMs` instead: each hand-off costs a frame, and in a flood frames are most of the
   * page's CPU per MB beyond parsing (bench/: ~2.4 rendered frames per MB at 25 ms, ~1.8 at 50;
   * with a 2 MB flow-control window, ~1.6 at 100 ms, where a slower flood had drawn ~2.4 at 50).
   */
  floodBytes?: number;
  floodIntervalMs?: number;
  /**
   * After a hand-off this small, at least `smallGapMs` ago, output is not (yet) a stream: the next
   * goes straight through even within `minIntervalMs` (the echoes of fast typing or key repeat, a
   * command's first output). Small pieces closer together than that (a busy `tail -f`, which the
   * server sends every 5 ms) are a stream and are batched.
   */
  smallBytes?: number;
  smallGapMs?: number;
  clock?: CoalescerClock;
}

const browserClock: CoalescerClock = {
  now: () => performance.now(),
  setTimer: (callback, ms) => setTimeout(callback, ms),
};

/**
 * Hands output to the terminal emulator in few, large writes while output streams, and at once
 * when it does not. The first chunk after a quiet spell (a keystroke's echo) goes straight through,
 * and so does a chunk that follows a small hand-off after a human pause (echoes of fast typing are
 * not a stream); what follows a large hand-off within `minIntervalMs` (`floodIntervalMs` after a
 * flood-sized one), or small ones in quick
 * succession, or comes while the emulator is still parsing, is held and joined.
 *
 * Why: every write that changes the screen costs a frame, and in a flood each frame repaints the
 * whole viewport (style, layout, paint, compositing). Those frames are CPU taken from everything
 * else on the machine, including the program producing the output and the engine carrying it:
 * on two cores, rendering 60 frames a second starved `dd | tr` in the container to a few MB/s.
 * Parsing a batch per ~frame-and-a-half instead keeps xterm.js busy parsing, not repainting.
 *
 * Each caller's `done` runs only after the emulator parsed that caller's bytes, so flow-control
 * acknowledgements keep their meaning (held bytes are not acknowledged, so the source pauses).
 */
export class WriteCoalescer {
  /** Writes handed to the emulator whose `done` has not run yet. */
  private inFlight = 0;
  private held: Uint8Array[] = [];
  private heldBytes = 0;
  private heldCallbacks: (() => void)[] = [];
  private lastHandedAt = Number.NEGATIVE_INFINITY;
  private lastHandedBytes = 0;
  /** When the oldest held chunk arrived. */
  private firstHeldAt = 0;
  private timerSet = false;
  /** Bumped by clear(), so a timer set before it does nothing. */
  private generation = 0;
  private readonly maxBytes: number;
  private readonly minIntervalMs: number;
  private readonly floodBytes: number;
  private readonly floodIntervalMs: number;
  private readonly smallBytes: number;
  private readonly smallGapMs: number;
  private readonly clock: CoalescerClock;

  constructor(
    private readonly write: EmulatorWrite,
    {
      // Half the flow-control window: handed over before the server pauses the source, so output
      // keeps arriving while the emulator parses it.
      maxBytes = terminalFlow.lowWatermark,
      minIntervalMs = 25,
      floodBytes = 256 * 1024,
      floodIntervalMs = 100,
      smallBytes = 4096,
      smallGapMs = 8,
      clock = browserClock,
    }: WriteCoalescerOptions = {},
  ) {
    this.maxBytes = maxBytes;
    this.minIntervalMs = minIntervalMs;
    this.floodBytes = floodBytes;
    this.floodIntervalMs = floodIntervalMs;
    this.smallBytes = smallBytes;
    this.smallGapMs = smallGapMs;
    this.clock = clock;
  }

  /** Bytes received but not yet handed to the emulator. */
  get pendingBytes(): number {
    return this.heldBytes;
  }

  push(data: Uint8Array, done: () => void): void {
    if (this.held.length === 0) this.firstHeldAt = this.clock.now();
    this.held.push(data);
    this.heldBytes += data.byteLength;
    this.heldCallbacks.push(done);
    this.schedule();
  }

  /** Drops held output (the terminal was reset or closed); its callbacks never run. */
  clear(): void {
    this.held = [];
    this.heldBytes = 0;
    this.heldCallbacks = [];
    this.generation += 1;
    this.timerSet = false;
  }

  private schedule(): void {
    if (this.heldBytes === 0) return;
    if (this.heldBytes >= this.maxBytes) {
      this.release();
      return;
    }
    // Still parsing: `hand`'s callback comes back here when it is done.
    if (this.inFlight > 0) return;
    const afterSmallPause = this.lastHandedBytes <= this.smallBytes && this.firstHeldAt - this.lastHandedAt >= this.smallGapMs;
    const interval = this.lastHandedBytes >= this.floodBytes ? this.floodIntervalMs : this.minIntervalMs;
    const wait = this.lastHandedAt + interval - this.clock.now();
    if (wait <= 0 || afterSmallPause) {
      this.release();
      return;
    }
    if (this.timerSet) return;
    this.timerSet = true;
    const generation = this.generation;
    this.clock.setTimer(() => {
      if (generation !== this.generation) return;
      this.timerSet = false;
      this.schedule();
    }, wait);
  }

  private release(): void {
    const data = this.held.length === 1 ? this.held[0]! : concatBytes(this.held, this.heldBytes);
    const callbacks = this.heldCallbacks;
    this.held = [];
    this.heldBytes = 0;
    this.heldCallbacks = [];
    this.lastHandedAt = this.clock.now();
    this.lastHandedBytes = data.byteLength;
    this.inFlight += 1;
    this.write(data, () => {
      this.inFlight -= 1;
      for (const callback of callbacks) callback();
      this.schedule();
    });
  }
}
