/**
 * Counts output bytes the terminal has parsed (call `rendered` from xterm's write callback, never
 * on arrival) and acknowledges them in steps, so the main side pauses a flood at its high
 * watermark and resumes once the screen has caught up.
 *
 * The callbacks of one parsed batch run back to back (write-coalescer.ts joins many chunks into
 * one write), so the acknowledgement is sent from a microtask: one message per batch, not one per
 * chunk. Each is a call with a reply; in a flood they cost the page a WebSocket send apiece.
 */
export class AckCounter {
  private unacked = 0;
  private total = 0;
  private sendQueued = false;

  constructor(
    private readonly every: number,
    private readonly send: (bytes: number) => void,
  ) {}

  rendered(bytes: number): void {
    this.total += bytes;
    this.unacked += bytes;
    if (this.unacked < this.every || this.sendQueued) return;
    this.sendQueued = true;
    queueMicrotask(() => {
      this.sendQueued = false;
      const bytesToAck = this.unacked;
      this.unacked = 0;
      this.send(bytesToAck);
    });
  }

  /** Parsed bytes not yet acknowledged. */
  get pending(): number {
    return this.unacked;
  }

  /** All bytes parsed in this session. */
  get renderedTotal(): number {
    return this.total;
  }
}
