import type { BuildLogLine, BuildMessage } from '../../../shared/image-types.js';

/**
 * Batches raw build log lines (a RUN can print thousands a second) while keeping them in order
 * with the other build messages: any other message first flushes the lines before it.
 */
export class BuildLogBatcher {
  private lines: BuildLogLine[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    /** Returns false when the transport is full. */
    private readonly send: (message: BuildMessage) => boolean,
    /** Called when a send found the transport full, so the caller can slow the source down. */
    private readonly onFull: () => void,
    private readonly intervalMs = 50,
    private readonly maxLines = 500,
  ) {}

  line(line: BuildLogLine): void {
    this.lines.push(line);
    if (this.lines.length >= this.maxLines) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), this.intervalMs);
  }

  message(message: BuildMessage): void {
    this.flush();
    this.deliver(message);
  }

  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.lines.length === 0) return;
    const lines = this.lines;
    this.lines = [];
    this.deliver({ type: 'log', lines });
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.lines = [];
  }

  private deliver(message: BuildMessage): void {
    if (!this.send(message)) this.onFull();
  }
}
