import { Readable } from 'node:stream';
import type { LogBatch, LogChunk, StatsSample } from '../../../shared/container-detail-types.js';
import { BerthError } from '../../../shared/errors.js';
import type { StreamSink } from '../../rpc/handler-types.js';
import type { EngineConnection } from '../engine-connection.js';
import { onJsonLines } from '../event-line-parser.js';
import { LogFrameDemuxer } from './log-frame-demuxer.js';
import { toStatsSample, type RawStats } from './stats-sample.js';

export interface LogsRequest {
  id: string;
  tail: number;
  follow: boolean;
  timestamps?: boolean;
  since?: number;
}

/** Live stats cost the engine CPU per container: only this many streams at once. */
export const maxStatsStreams = 8;

const logBatchMs = 16;
const logBatchBytes = 256 * 1024;
const retryAfterBackpressureMs = 50;

/**
 * Logs and stats streams of containers. Logs are demultiplexed only when the container has no TTY
 * (a TTY stream is raw), batched every 16 ms, and paused while the transport is full.
 */
export class ContainerStreams {
  private liveStats = 0;

  constructor(private readonly connection: EngineConnection) {}

  get statsStreams(): number {
    return this.liveStats;
  }

  logs(request: LogsRequest, sink: StreamSink<LogBatch>): () => void {
    let source: Readable | undefined;
    let closed = false;
    void (async () => {
      try {
        const container = this.connection.requireConnected().getContainer(request.id);
        const info = await this.connection.use(() => container.inspect());
        const options = {
          stdout: true,
          stderr: true,
          tail: request.tail,
          timestamps: request.timestamps ?? false,
          since: request.since ?? 0,
        };
        const stream = request.follow
          ? ((await this.connection.use(() => container.logs({ ...options, follow: true }))) as unknown as Readable)
          : bufferAsStream((await this.connection.use(() => container.logs({ ...options, follow: false }))) as unknown as Buffer);
        if (closed) {
          stream.destroy();
          return;
        }
        source = stream;
        pumpLogs(stream, info.Config.Tty ? undefined : new LogFrameDemuxer(), sink);
      } catch (err) {
        sink.end(err);
      }
    })();
    return () => {
      closed = true;
      source?.destroy();
    };
  }

  stats(id: string, sink: StreamSink<StatsSample>): () => void {
    if (this.liveStats >= maxStatsStreams) {
      throw new BerthError({ code: 'CONFLICT', message: `At most ${maxStatsStreams} live stats streams at once: close one first` });
    }
    this.liveStats += 1;
    let source: Readable | undefined;
    let closed = false;
    const release = (): void => {
      if (closed) return;
      closed = true;
      this.liveStats -= 1;
      source?.destroy();
    };
    void (async () => {
      try {
        const container = this.connection.requireConnected().getContainer(id);
        const stream = (await this.connection.use(() => container.stats({ stream: true }))) as unknown as Readable;
        if (closed) {
          stream.destroy();
          return;
        }
        source = stream;
        // A line that is not JSON is skipped; the next sample comes within a second.
        onJsonLines(stream, (raw) => sink.send(toStatsSample(raw as RawStats)));
        stream.on('end', () => {
          release();
          sink.end();
        });
        stream.on('error', (err) => {
          release();
          sink.end(err);
        });
      } catch (err) {
        release();
        sink.end(err);
      }
    })();
    return release;
  }
}

/** Without follow the engine answers with one buffer (bounded by tail); treat it as a stream. */
function bufferAsStream(buffer: Buffer): Readable {
  return Readable.from([buffer]);
}

function pumpLogs(stream: Readable, demuxer: LogFrameDemuxer | undefined, sink: StreamSink<LogBatch>): void {
  let pending: LogChunk[] = [];
  let pendingBytes = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const flush = (): void => {
    clearTimeout(timer);
    timer = undefined;
    if (pending.length === 0) return;
    const accepted = sink.send({ chunks: pending });
    pending = [];
    pendingBytes = 0;
    if (!accepted && !stream.isPaused()) {
      // The transport is full: stop reading from the engine for a moment instead of buffering.
      stream.pause();
      setTimeout(() => stream.resume(), retryAfterBackpressureMs);
    }
  };
  stream.on('data', (chunk: Buffer) => {
    const bytes = new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    const chunks = demuxer ? demuxer.push(bytes) : [{ stream: 'stdout' as const, data: bytes.slice() }];
    for (const c of chunks) {
      pending.push(c);
      pendingBytes += c.data.byteLength;
    }
    if (pendingBytes >= logBatchBytes) flush();
    else timer ??= setTimeout(flush, logBatchMs);
  });
  stream.on('end', () => {
    flush();
    sink.end();
  });
  stream.on('error', (err) => {
    flush();
    sink.end(err);
  });
}
