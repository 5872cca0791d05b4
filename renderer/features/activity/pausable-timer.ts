/**
 * Calls `onDone` after `ms` of running time: paused while the user reads (hover or focus), it
 * resumes with the time that was left, so a toast never vanishes under the pointer.
 */
export class PausableTimer {
  private left: number;
  private startedAt = 0;
  private handle: ReturnType<typeof setTimeout> | null = null;
  private readonly pausedBy = new Set<string>();

  constructor(
    ms: number,
    private readonly onDone: () => void,
    private readonly now: () => number = Date.now,
  ) {
    this.left = ms;
  }

  start(): void {
    if (this.handle !== null || this.pausedBy.size > 0 || this.left <= 0) return;
    this.startedAt = this.now();
    this.handle = setTimeout(() => {
      this.handle = null;
      this.left = 0;
      this.onDone();
    }, this.left);
  }

  /** `reason` ('hover', 'focus'): it runs again only when every reason has ended. */
  pause(reason: string): void {
    this.pausedBy.add(reason);
    if (this.handle === null) return;
    clearTimeout(this.handle);
    this.handle = null;
    this.left = Math.max(0, this.left - (this.now() - this.startedAt));
  }

  resume(reason: string): void {
    this.pausedBy.delete(reason);
    this.start();
  }

  stop(): void {
    if (this.handle !== null) clearTimeout(this.handle);
    this.handle = null;
  }
}
