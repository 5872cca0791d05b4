import { terminalFlow } from '../../../shared/terminal-types.js';

/**
 * Pauses a byte source while the client has too much unrendered output, and resumes it once the
 * client caught up (acknowledgements come from xterm's write callback, i.e. after rendering).
 */
export class FlowGate {
  private unacked = 0;
  private paused = false;

  constructor(
    private readonly pause: () => void,
    private readonly resume: () => void,
    private readonly high: number = terminalFlow.highWatermark,
    private readonly low: number = terminalFlow.lowWatermark,
  ) {}

  get pending(): number {
    return this.unacked;
  }

  get isPaused(): boolean {
    return this.paused;
  }

  sent(bytes: number): void {
    this.unacked += bytes;
    if (!this.paused && this.unacked > this.high) {
      this.paused = true;
      this.pause();
    }
  }

  acked(bytes: number): void {
    this.unacked = Math.max(0, this.unacked - bytes);
    if (this.paused && this.unacked < this.low) {
      this.paused = false;
      this.resume();
    }
  }
}
