/**
 * Reads of many objects by key, batched: the first key asked for is read at once; keys asked for
 * while a read is under way wait and go together in the next one (up to `maxPerRead`), so a
 * burst of events costs a few requests, not one each. A key asked for again while its read is
 * under way keeps its place in the queue and the older answer for it is dropped. `reset()`
 * (before a full list) forgets the queue and drops every answer in flight.
 */
export class BatchedReads<T> {
  private readonly waiting = new Set<string>();
  /** The keys of the read under way, if one is. */
  private inFlight: ReadonlySet<string> | undefined;
  private epoch = 0;

  constructor(
    /** Reads these keys; what is absent from the answer no longer exists. */
    private readonly read: (keys: string[]) => Promise<ReadonlyMap<string, T>>,
    /** One key's answer: the object, or undefined when it is gone. */
    private readonly apply: (key: string, value: T | undefined) => void,
    private readonly failed: (keys: string[], err: unknown) => void,
    private readonly maxPerRead: number,
  ) {}

  request(key: string): void {
    this.waiting.add(key);
    this.pump();
  }

  /** Whether `key` waits for a read or is being read (an answer about it is on its way). */
  busy(key: string): boolean {
    return this.waiting.has(key) || (this.inFlight?.has(key) ?? false);
  }

  reset(): void {
    this.epoch += 1;
    this.waiting.clear();
    this.inFlight = undefined;
  }

  private pump(): void {
    if (this.inFlight !== undefined || this.waiting.size === 0) return;
    const keys: string[] = [];
    for (const key of this.waiting) {
      if (keys.length >= this.maxPerRead) break;
      keys.push(key);
    }
    for (const key of keys) this.waiting.delete(key);
    this.inFlight = new Set(keys);
    const epoch = this.epoch;
    const current = (): boolean => epoch === this.epoch;
    void this.read(keys)
      .then(
        (found) => {
          if (!current()) return;
          for (const key of keys) if (!this.waiting.has(key)) this.apply(key, found.get(key));
        },
        (err: unknown) => {
          if (current())
            this.failed(
              keys.filter((key) => !this.waiting.has(key)),
              err,
            );
        },
      )
      .finally(() => {
        if (!current()) return;
        this.inFlight = undefined;
        this.pump();
      });
  }
}
