import { toRpcError } from '../to-rpc-error.js';

/** Failed reads of one key tried again before it is left to its next event. */
const maxReadRetries = 3;

/**
 * The live model's reads made again later, by `kind:key`: an answer that contradicts its event (the
 * engine's list lags it) is read again after a delay, and a failed read is tried again a few times.
 * At most one pending re-read per key; a newer one replaces it.
 */
export class RereadSchedule {
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  /** Failed reads in a row, by key. */
  private readonly failures = new Map<string, number>();

  constructor(
    /** Who reads, for the log lines (the engine's id). */
    private readonly engineId: string,
    /** Whether a failed read may be tried again now; an engine that went away comes back with a full list instead. */
    private readonly canRetry: () => boolean,
  ) {}

  later(key: string, delayMs: number, read: () => void): void {
    this.cancel(key);
    const timer = setTimeout(() => {
      this.timers.delete(key);
      read();
    }, delayMs);
    timer.unref?.();
    this.timers.set(key, timer);
  }

  cancel(key: string): void {
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
  }

  /** A read of `key` answered: its failures are forgotten. */
  answered(key: string): void {
    this.failures.delete(key);
  }

  /**
   * A read the engine refused or answered with something unreadable: said, and tried again up to
   * 3 times, 0.5, 1 and 1.5 s later.
   */
  failed(key: string, read: () => void, err: unknown): void {
    if (!this.canRetry()) return;
    const failures = (this.failures.get(key) ?? 0) + 1;
    const message = toRpcError(err).message;
    if (failures > maxReadRetries) {
      this.failures.delete(key);
      console.error(`[berth] live model of ${this.engineId}: reading ${key} failed ${failures} times, left to its next event: ${message}`);
      return;
    }
    console.error(`[berth] live model of ${this.engineId}: reading ${key} failed, trying again: ${message}`);
    this.failures.set(key, failures);
    this.later(key, 500 * failures, read);
  }

  /** Everything pending dropped (the model lists in full again, or closes). */
  clear(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    this.failures.clear();
  }
}
