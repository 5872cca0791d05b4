import type { LogChunk } from '../../../shared/container-detail-types.js';
import { concatBytes } from '../../../shared/concat-bytes.js';

const headerSize = 8;

/**
 * Splits the Engine's multiplexed log/attach stream (containers without a TTY) into stdout and
 * stderr chunks. Each frame has an 8-byte header: stream type, three zero bytes, big-endian size.
 * Frames may be cut anywhere across network chunks; partial headers and payloads are carried over.
 * Streams of TTY containers are raw and must not be passed through this.
 */
export class LogFrameDemuxer {
  private pending: Uint8Array = new Uint8Array(0);
  /** Bytes still owed to the current frame, and its stream. */
  private remaining = 0;
  private current: LogChunk['stream'] = 'stdout';

  push(input: Uint8Array): LogChunk[] {
    const out: LogChunk[] = [];
    let data = this.pending.byteLength > 0 ? concatBytes([this.pending, input]) : input;
    this.pending = new Uint8Array(0);
    while (data.byteLength > 0) {
      if (this.remaining > 0) {
        const take = Math.min(this.remaining, data.byteLength);
        out.push({ stream: this.current, data: data.subarray(0, take) });
        this.remaining -= take;
        data = data.subarray(take);
        continue;
      }
      if (data.byteLength < headerSize) {
        this.pending = data.slice();
        break;
      }
      // 0 stdin (never in logs), 1 stdout, 2 stderr
      this.current = data[0] === 2 ? 'stderr' : 'stdout';
      this.remaining = new DataView(data.buffer, data.byteOffset, headerSize).getUint32(4);
      data = data.subarray(headerSize);
    }
    return mergeAdjacent(out);
  }
}

/** Neighbouring pieces of the same stream become one chunk (fewer messages, same bytes). */
function mergeAdjacent(chunks: LogChunk[]): LogChunk[] {
  const merged: LogChunk[] = [];
  for (const chunk of chunks) {
    const last = merged[merged.length - 1];
    if (last && last.stream === chunk.stream) last.data = concatBytes([last.data, chunk.data]);
    else merged.push({ stream: chunk.stream, data: chunk.data });
  }
  return merged;
}
