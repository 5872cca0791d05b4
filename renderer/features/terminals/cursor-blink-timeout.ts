/** The timer the blink timeout uses (the browser's in the app; a fake in tests). */
export interface BlinkClock {
  now(): number;
  setTimer(callback: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
}

const browserClock: BlinkClock = {
  now: () => performance.now(),
  setTimer: (callback, ms) => setTimeout(callback, ms),
  clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * Blinks the cursor while someone is typing and stops after a quiet spell, as GTK terminals do.
 * Why not blink forever: xterm.js blinks the cursor with an endless CSS animation, and Chromium
 * then draws a frame 60 times a second for as long as the terminal is on screen, measured at
 * ~10% of a core in the page and ~3% in the GPU process with nothing else happening.
 */
export class CursorBlinkTimeout {
  private lastActivity = Number.NEGATIVE_INFINITY;
  private timer: unknown;
  private blinking = false;
  private disposed = false;

  constructor(
    private readonly setBlink: (on: boolean) => void,
    private readonly idleMs = 10_000,
    private readonly clock: BlinkClock = browserClock,
  ) {}

  /** A key press, a focus: blink (again) and stop `idleMs` after the last of them. */
  activity(): void {
    if (this.disposed) return;
    this.lastActivity = this.clock.now();
    if (!this.blinking) {
      this.blinking = true;
      this.setBlink(true);
    }
    // One timer at a time; when it fires it looks at the latest activity (no reset per key).
    if (this.timer === undefined) this.arm(this.idleMs);
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer !== undefined) this.clock.clearTimer(this.timer);
    this.timer = undefined;
  }

  private arm(ms: number): void {
    this.timer = this.clock.setTimer(() => this.check(), ms);
  }

  private check(): void {
    this.timer = undefined;
    const quietFor = this.clock.now() - this.lastActivity;
    if (quietFor < this.idleMs) {
      this.arm(this.idleMs - quietFor);
      return;
    }
    this.blinking = false;
    this.setBlink(false);
  }
}
