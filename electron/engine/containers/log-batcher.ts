import type { LogBatch, LogChunk } from '../../../shared/container-detail-types.js';

type LogStreamName = LogChunk['stream'];
const newline = 0x0a;

/**
 * Collects demultiplexed log chunks into batches (adjacent chunks of one stream joined, so a flood
 * of one-line frames becomes one chunk per batch), and drops to the tail while the client cannot
 * keep up: while dropping, bytes are counted as skipped lines instead of queued, and on resuming
 * the rest of a line cut in the middle is dropped too, so the client only ever sees whole lines.
 */
export class LogBatcher {
  private pending: LogChunk[] = [];
  private pendingBytes = 0;
  private dropping = false;
  /** Lines with at least one byte dropped since the last `takeSkipped`. */
  private skipped: Record<LogStreamName, number> = { stdout: 0, stderr: 0 };
  /** The stream's last dropped byte was inside a line (already counted): drop on to its newline. */
  private inCutLine: Record<LogStreamName, boolean> = { stdout: false, stderr: false };

  get bytes(): number {
    return this.pendingBytes;
  }

  get isDropping(): boolean {
    return this.dropping;
  }

  add(chunks: readonly LogChunk[]): void {
    for (const chunk of chunks) {
      if (this.dropping) this.drop(chunk);
      else this.keep(chunk);
    }
  }

  /** The client fell behind: what is pending and everything until `resume` is dropped and counted. */
  startDropping(): void {
    this.dropping = true;
    const pending = this.pending;
    this.pending = [];
    this.pendingBytes = 0;
    for (const chunk of pending) this.drop(chunk);
  }

  resume(): void {
    this.dropping = false;
  }

  /** Lines skipped since the last call, or undefined when none were. */
  takeSkipped(): LogBatch['skipped'] {
    if (this.skipped.stdout === 0 && this.skipped.stderr === 0) return undefined;
    const skipped = this.skipped;
    this.skipped = { stdout: 0, stderr: 0 };
    return skipped;
  }

  /** The pending chunks as one batch (adjacent chunks of a stream joined), or null when empty. */
  take(): LogBatch | null {
    if (this.pending.length === 0) return null;
    const chunks = joinAdjacent(this.pending);
    this.pending = [];
    this.pendingBytes = 0;
    return { chunks };
  }

  private keep(chunk: LogChunk): void {
    let data = chunk.data;
    if (this.inCutLine[chunk.stream]) {
      const end = data.indexOf(newline);
      if (end === -1) return;
      data = data.subarray(end + 1);
      this.inCutLine[chunk.stream] = false;
    }
    if (data.byteLength === 0) return;
    this.pending.push(data === chunk.data ? chunk : { stream: chunk.stream, data });
    this.pendingBytes += data.byteLength;
  }

  private drop({ stream, data }: LogChunk): void {
    if (data.byteLength === 0) return;
    let lines = this.inCutLine[stream] ? 0 : 1;
    // Every newline but a final one starts another line in this chunk.
    for (let at = data.indexOf(newline); at !== -1 && at < data.byteLength - 1; at = data.indexOf(newline, at + 1)) lines++;
    this.skipped[stream] += lines;
    this.inCutLine[stream] = data[data.byteLength - 1] !== newline;
  }
}

function joinAdjacent(chunks: readonly LogChunk[]): LogChunk[] {
  const out: LogChunk[] = [];
  let run: LogChunk[] = [];
  const close = (): void => {
    if (run.length === 0) return;
    if (run.length === 1) out.push(run[0] as LogChunk);
    else {
      const size = run.reduce((n, c) => n + c.data.byteLength, 0);
      const data = new Uint8Array(size);
      let at = 0;
      for (const c of run) {
        data.set(c.data, at);
        at += c.data.byteLength;
      }
      out.push({ stream: (run[0] as LogChunk).stream, data });
    }
    run = [];
  };
  for (const chunk of chunks) {
    if (run.length > 0 && (run[0] as LogChunk).stream !== chunk.stream) close();
    run.push(chunk);
  }
  close();
  return out;
}
