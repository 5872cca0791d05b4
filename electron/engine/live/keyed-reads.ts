/**
 * Reads of single objects by key, one at a time per key: a key asked for again while its read is
 * under way is read once more afterwards (the answer in flight may predate the change), and that
 * older answer is dropped. `reset()` (before a full list) drops every answer in flight.
 */
export class KeyedReads<T> {
  private readonly inFlight = new Set<string>();
  private readonly again = new Set<string>();
  private epoch = 0;

  constructor(
    private readonly read: (key: string) => Promise<T>,
    private readonly apply: (key: string, value: T) => void,
    private readonly failed: (key: string, err: unknown) => void,
  ) {}

  request(key: string): void {
    if (this.inFlight.has(key)) {
      this.again.add(key);
      return;
    }
    this.inFlight.add(key);
    const epoch = this.epoch;
    void this.read(key)
      .then(
        (value) => {
          if (epoch === this.epoch && !this.again.has(key)) this.apply(key, value);
        },
        (err: unknown) => {
          if (epoch === this.epoch && !this.again.has(key)) this.failed(key, err);
        },
      )
      .finally(() => {
        if (epoch !== this.epoch) return;
        this.inFlight.delete(key);
        if (this.again.delete(key)) this.request(key);
      });
  }

  /** Whether a read of `key` is under way (an answer about it is on its way). */
  busy(key: string): boolean {
    return this.inFlight.has(key);
  }

  reset(): void {
    this.epoch += 1;
    this.inFlight.clear();
    this.again.clear();
  }
}
