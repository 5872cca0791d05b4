import { concatBytes } from '../../../shared/concat-bytes.js';

/**
 * The most one batch holds. Each message costs every layer it crosses (an encode on the server, a
 * WebSocket frame, the browser's hand-over of the message to the page, a decode, a validation, a
 * callback) whatever its size, so a flood should travel in few of them; in practice a 5 ms
 * window closes first (at 40 MB/s it gathers ~200 kB). 64 KiB messages cost the page ~4x as
 * many hand-overs for the same bytes.
 */
export const outputBatchBytes = 256 * 1024;

/**
 * Gathers small output chunks into fewer, larger messages: small messages cap throughput over IPC
 * and WebSockets. The first chunk after a quiet spell is sent at once (echo latency); chunks that
 * follow are joined and sent every `maxDelayMs`, or early once a batch holds `maxBytes`. The
 * stream counts as quiet again only after a whole window passed with no output.
 */
export class OutputBatcher {
  private chunks: Uint8Array[] = [];
  private size = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly flushTo: (batch: Uint8Array) => void,
    private readonly maxDelayMs = 5,
    private readonly maxBytes = outputBatchBytes,
  ) {}

  push(chunk: Uint8Array): void {
    if (chunk.byteLength === 0) return;
    if (this.timer === undefined) {
      // Leading edge: output after a quiet spell (a keystroke's echo) goes out at once; only what
      // follows within the window is batched.
      this.flushTo(chunk);
      this.timer = setTimeout(() => this.endWindow(), this.maxDelayMs);
      return;
    }
    this.chunks.push(chunk);
    this.size += chunk.byteLength;
    // A full batch goes out, but the window stays open: the chunk after it is still part of the
    // stream, not a keystroke's echo (sent alone, it would double a flood's message count).
    if (this.size >= this.maxBytes) this.send();
  }

  /** A window that gathered output sends it and opens the next (the stream goes on); an empty one ends the stream. */
  private endWindow(): void {
    if (this.size === 0) {
      this.timer = undefined;
      return;
    }
    this.send();
    this.timer = setTimeout(() => this.endWindow(), this.maxDelayMs);
  }

  /** Sends what is held now and closes the window (the source ended). */
  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.send();
  }

  private send(): void {
    if (this.size === 0) return;
    const batch = this.chunks.length === 1 ? this.chunks[0]! : concatBytes(this.chunks, this.size);
    this.chunks = [];
    this.size = 0;
    this.flushTo(batch);
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.chunks = [];
    this.size = 0;
  }
}
