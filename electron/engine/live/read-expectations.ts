/**
 * What an event says a re-read must show. The engine can announce a change before its list
 * shows it (a `die` is logged before the container list's copy says "exited"), so an answer that
 * contradicts the event is not applied: the object is read again a little later, a few times,
 * and after that the answer is taken as it is.
 */
export class ReadExpectations<T> {
  private readonly pending = new Map<string, { accepts: (value: T | undefined) => boolean; tries: number }>();

  constructor(
    /** Waits before each further read, in ms; past the last one the answer is taken as it is. */
    private readonly retryDelaysMs: readonly number[] = [25, 50, 100, 200, 400, 800, 1600, 3200],
  ) {}

  /** The latest event about `key` says its next answer must pass `accepts`. */
  expect(key: string, accepts: (value: T | undefined) => boolean): void {
    this.pending.set(key, { accepts, tries: 0 });
  }

  /** An answer about `key`: apply it, or read again after `retryInMs`. */
  settle(key: string, value: T | undefined): 'apply' | { retryInMs: number } {
    const expectation = this.pending.get(key);
    if (!expectation) return 'apply';
    const delay = this.retryDelaysMs[expectation.tries];
    if (expectation.accepts(value) || delay === undefined) {
      this.pending.delete(key);
      return 'apply';
    }
    expectation.tries += 1;
    return { retryInMs: delay };
  }

  forget(key: string): void {
    this.pending.delete(key);
  }

  clear(): void {
    this.pending.clear();
  }
}
