import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import type { LogBatch, StatsSample } from '../../../shared/container-detail-types.js';
import type { StreamSink } from '../stream-sink.js';
import type { EngineConnection } from '../engine-connection.js';
import { LogBatcher } from './log-batcher.js';
import { LogFrameDemuxer } from './log-frame-demuxer.js';
import { SharedStatsStreams, type StatsLimits } from './shared-stats-streams.js';
import { StatsWatches, type StatsWatchOptions } from './stats-watches.js';

export interface LogsRequest {
  id: string;
  tail: number;
  follow: boolean;
  timestamps?: boolean;
  since?: number;
  /** The client acknowledges the bytes it has drawn (`ackLogs`). */
  flowControl?: boolean;
}

/** Unacknowledged bytes of a flow-controlled logs stream. */
interface LogFlow {
  readonly clientId: string;
  unacked: number;
}

/** Above this many unacknowledged bytes the client is behind: drop to the tail (room for a 5,000-line tail of long lines). */
export const logFlowHighBytes = 2 * 1024 * 1024;
/** Below this many, send again (and say what was skipped). */
export const logFlowLowBytes = 256 * 1024;

export { maxStatsPerClient, maxStatsStreams } from './shared-stats-streams.js';

const logBatchMs = 16;
const logBatchBytes = 256 * 1024;
const retryAfterBackpressureMs = 50;

/**
 * Logs and stats streams of containers. Logs are demultiplexed only when the container has no TTY
 * (a TTY stream is raw) and batched every 16 ms; while the transport is full they drop to the tail
 * and the next batch says how many lines were skipped (see LogBatcher), rather than queueing.
 */
export class ContainerStreams {
  private readonly flows = new Map<string, LogFlow>();
  private readonly sharedStats: SharedStatsStreams;
  /** Stats of the rows a page's containers table shows, over the same shared engine streams. */
  readonly statsWatches: StatsWatches;

  constructor(
    private readonly connection: EngineConnection,
    statsLimits: Partial<StatsLimits> = {},
    watchOptions: StatsWatchOptions = {},
  ) {
    this.sharedStats = new SharedStatsStreams(connection, statsLimits);
    this.statsWatches = new StatsWatches((...args) => this.sharedStats.subscribe(...args), watchOptions);
  }

  /** Engine stats streams open now (one per container watched, however many clients watch it). */
  get statsStreams(): number {
    return this.sharedStats.engineStreams;
  }

  /** Stats subscriptions of all clients. */
  get statsSubscribers(): number {
    return this.sharedStats.subscribers;
  }

  /** The client `clientId` has drawn `bytes` more of flow `flow`. Acks of ended streams are ignored. */
  ackLogs(clientId: string, flow: string, bytes: number): void {
    const f = this.flows.get(flow);
    if (f && f.clientId === clientId) f.unacked = Math.max(0, f.unacked - bytes);
  }

  logs(request: LogsRequest, sink: StreamSink<LogBatch>, clientId = 'local'): () => void {
    let source: Readable | undefined;
    let closed = false;
    let flowId: string | undefined;
    let flow: LogFlow | undefined;
    // Only a followed stream can outrun its client for long; without follow the answer is bounded by tail.
    if (request.flowControl && request.follow) {
      flowId = randomBytes(16).toString('hex');
      flow = { clientId, unacked: 0 };
      this.flows.set(flowId, flow);
      sink.send({ chunks: [], flow: flowId });
    }
    const forget = (): void => {
      if (flowId) this.flows.delete(flowId);
    };
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
        stream.on('close', forget);
        pumpLogs(stream, info.Config.Tty ? undefined : new LogFrameDemuxer(), sink, flow);
      } catch (err) {
        forget();
        sink.end(err);
      }
    })();
    return () => {
      closed = true;
      forget();
      source?.destroy();
    };
  }

  /** Berth is closing: the shared stats streams stop. Log streams are closed by their transports. */
  closeStats(): void {
    this.statsWatches.closeAll();
    this.sharedStats.closeAll();
  }

  /** Live stats of a container, one engine stream shared by every client watching it (see SharedStatsStreams). */
  stats(id: string, sink: StreamSink<StatsSample>, clientId = 'local'): () => void {
    return this.sharedStats.subscribe(id, sink, clientId);
  }
}

/** Without follow the engine answers with one buffer (bounded by tail); treat it as a stream. */
function bufferAsStream(buffer: Buffer): Readable {
  return Readable.from([buffer]);
}

function pumpLogs(stream: Readable, demuxer: LogFrameDemuxer | undefined, sink: StreamSink<LogBatch>, flow?: LogFlow): void {
  const batcher = new LogBatcher();
  /** Sends a batch; false when the client is behind (its transport is full, or too much is unacknowledged). */
  const deliver = (batch: LogBatch): boolean => {
    if (!flow) return sink.send(batch);
    // Counted before sending: an acknowledgement may come back before send returns.
    flow.unacked += batch.chunks.reduce((n, c) => n + c.data.byteLength, 0);
    const sent = sink.send(batch);
    return sent && flow.unacked <= logFlowHighBytes;
  };
  let timer: ReturnType<typeof setTimeout> | undefined;
  let probe: ReturnType<typeof setTimeout> | undefined;
  /** Sends what was skipped (an empty batch when nothing was); true when the transport has room. */
  const sendSkipped = (): boolean => {
    const skipped = batcher.takeSkipped();
    return sink.send(skipped ? { chunks: [], skipped } : { chunks: [] });
  };
  /** Resumes once the client has caught up (acknowledged down to the low mark) and its transport has room. */
  const checkRoom = (): void => {
    probe = undefined;
    if ((!flow || flow.unacked <= logFlowLowBytes) && sendSkipped()) batcher.resume();
    else probe = setTimeout(checkRoom, retryAfterBackpressureMs);
  };
  const flush = (): void => {
    clearTimeout(timer);
    timer = undefined;
    if (batcher.isDropping) return;
    const batch = batcher.take();
    if (batch && !deliver(batch)) {
      // The client is behind (transport full, or too much unacknowledged): keep reading the engine but drop to the
      // tail, and tell the client how many lines it missed once there is room again.
      batcher.startDropping();
      probe ??= setTimeout(checkRoom, retryAfterBackpressureMs);
    }
  };
  const finish = (err?: unknown): void => {
    flush();
    clearTimeout(probe);
    if (batcher.isDropping) sendSkipped();
    if (err === undefined) sink.end();
    else sink.end(err);
  };
  stream.on('data', (chunk: Buffer) => {
    const bytes = new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    batcher.add(demuxer ? demuxer.push(bytes) : [{ stream: 'stdout' as const, data: bytes.slice() }]);
    if (batcher.bytes >= logBatchBytes) flush();
    else if (!batcher.isDropping) timer ??= setTimeout(flush, logBatchMs);
  });
  stream.on('end', () => finish());
  stream.on('error', (err) => finish(err));
  stream.on('close', () => {
    clearTimeout(timer);
    clearTimeout(probe);
  });
}
