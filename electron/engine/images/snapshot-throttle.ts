/**
 * Sends the latest state of something at most every `intervalMs`: the first change goes out at
 * once, later ones are coalesced. Each message is a full snapshot, so skipping intermediate ones
 * loses nothing; when the transport says it is full, the next send waits `backoffMs` instead.
 */
export class SnapshotThrottle<T> {
  private dirty = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private lastSentAt = -Infinity;
  private delayMs: number;
  private stopped = false;

  constructor(
    private readonly snapshot: () => T,
    private readonly send: (value: T) => boolean,
    private readonly intervalMs = 100,
    private readonly backoffMs = 500,
    private readonly now: () => number = () => Date.now(),
  ) {
    this.delayMs = intervalMs;
  }

  /** Something changed: send now, or schedule a send at the end of the interval. */
  changed(): void {
    if (this.stopped) return;
    this.dirty = true;
    if (this.timer) return;
    const wait = this.lastSentAt + this.delayMs - this.now();
    if (wait <= 0) this.flush();
    else this.timer = setTimeout(() => this.flush(), wait);
  }

  /** Sends the pending snapshot now (before a final message, so the last state is never lost). */
  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.dirty || this.stopped) return;
    this.dirty = false;
    this.lastSentAt = this.now();
    this.delayMs = this.send(this.snapshot()) ? this.intervalMs : this.backoffMs;
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}
