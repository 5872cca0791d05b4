/** What one patch carries: items to insert or replace (by key), keys to drop. */
export interface LivePatch<T> {
  upsert: T[];
  remove: string[];
}

/** The timer functions the coalescer uses; tests pass fake ones. */
export interface PatchTimers {
  now(): number;
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realTimers: PatchTimers = {
  now: () => performance.now(),
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** About one display frame: patches closer together than this go out as one. */
export const patchFrameMs = 16;
/** After the transport reported itself full, the next patch waits this long (changes keep merging meanwhile). */
export const patchBackoffMs = 250;

const removed = Symbol('removed');

/**
 * Merges the changes bound for one subscriber and sends them at most once per frame: the first
 * change after a quiet spell goes out at once, later ones within the frame wait for its end. Pending
 * changes are kept by key (a later change to the same object replaces the earlier one), so what
 * waits is bounded by the number of objects, however long the transport stays full.
 */
export class PatchCoalescer<T> {
  private pending = new Map<string, T | typeof removed>();
  private timer: unknown;
  private lastSentAt = -Infinity;
  private waitMs: number;
  private stopped = false;

  constructor(
    private readonly send: (patch: LivePatch<T>) => boolean,
    private readonly frameMs = patchFrameMs,
    private readonly backoffMs = patchBackoffMs,
    private readonly timers: PatchTimers = realTimers,
  ) {
    this.waitMs = frameMs;
  }

  /** Changes to send; `keyOf` names each upserted item. */
  add(upsert: readonly T[], remove: readonly string[], keyOf: (item: T) => string): void {
    if (this.stopped || (upsert.length === 0 && remove.length === 0)) return;
    for (const key of remove) this.pending.set(key, removed);
    for (const item of upsert) this.pending.set(keyOf(item), item);
    if (this.timer !== undefined) return;
    const wait = this.lastSentAt + this.waitMs - this.timers.now();
    if (wait <= 0) this.flush();
    else this.timer = this.timers.setTimeout(() => this.flush(), wait);
  }

  /** Whether changes wait to be sent. */
  get hasPending(): boolean {
    return this.pending.size > 0;
  }

  /** Sends what waits now (before a message that must follow it, such as `stale`). */
  flush(): void {
    this.cancelTimer();
    if (this.stopped || this.pending.size === 0) return;
    const patch: LivePatch<T> = { upsert: [], remove: [] };
    for (const [key, value] of this.pending) {
      if (value === removed) patch.remove.push(key);
      else patch.upsert.push(value);
    }
    this.pending = new Map();
    this.lastSentAt = this.timers.now();
    this.waitMs = this.send(patch) ? this.frameMs : this.backoffMs;
  }

  /** Another message (a snapshot) went out on the same sink: the frame and the backoff count from it. */
  markSent(accepted: boolean): void {
    this.lastSentAt = this.timers.now();
    this.waitMs = accepted ? this.frameMs : this.backoffMs;
  }

  /** Forgets what waits (a snapshot is about to replace it). */
  discard(): void {
    this.cancelTimer();
    this.pending = new Map();
  }

  stop(): void {
    this.stopped = true;
    this.discard();
  }

  private cancelTimer(): void {
    if (this.timer === undefined) return;
    this.timers.clearTimeout(this.timer);
    this.timer = undefined;
  }
}
