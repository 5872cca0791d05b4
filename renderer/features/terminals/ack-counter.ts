/**
 * Counts output bytes the terminal has rendered (call `rendered` from xterm's write callback,
 * never on arrival) and acknowledges them in steps, so the main side pauses a flood at its
 * high watermark and resumes once the screen has caught up.
 */
export class AckCounter {
  private unacked = 0;
  private total = 0;

  constructor(
    private readonly every: number,
    private readonly send: (bytes: number) => void,
  ) {}

  rendered(bytes: number): void {
    this.total += bytes;
    this.unacked += bytes;
    if (this.unacked >= this.every) {
      const bytesToAck = this.unacked;
      this.unacked = 0;
      this.send(bytesToAck);
    }
  }

  /** Rendered bytes not yet acknowledged (always below the step). */
  get pending(): number {
    return this.unacked;
  }

  /** All bytes rendered in this session. */
  get renderedTotal(): number {
    return this.total;
  }
}
