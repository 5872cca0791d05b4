import { concatBytes } from '../../../shared/concat-bytes.js';

/**
 * Gathers small output chunks into fewer, larger messages: small messages cap throughput over IPC
 * and WebSockets. The first chunk after a quiet spell is sent at once (echo latency); chunks that
 * follow within `maxDelayMs` are joined, and a batch goes out early once it holds `maxBytes`.
 */
export class OutputBatcher {
  private chunks: Uint8Array[] = [];
  private size = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly flushTo: (batch: Uint8Array) => void,
    private readonly maxDelayMs = 5,
    private readonly maxBytes = 64 * 1024,
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
    if (this.size >= this.maxBytes) this.flush();
  }

  private endWindow(): void {
    this.timer = undefined;
    if (this.size > 0) this.flush();
  }

  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
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
