import type { Readable } from 'node:stream';
import type { StatsSample } from '../../../shared/container-detail-types.js';
import { BerthError } from '../../../shared/errors.js';
import type { StreamSink } from '../stream-sink.js';
import type { EngineConnection } from '../engine-connection.js';
import { onJsonLines } from '../event-line-parser.js';
import { toStatsSample, type RawStats } from './stats-sample.js';

/**
 * Live stats cost the engine CPU per container streamed (moby #39664): at most this many engine
 * streams. The containers table streams the running rows on screen (up to 64 a page, StatsWatches).
 */
export const maxStatsStreams = 128;
/** Stats subscriptions one client may hold, so one page cannot take every engine stream. */
export const maxStatsPerClient = 4;

export interface StatsLimits {
  readonly maxStreams: number;
  readonly maxPerClient: number;
}

interface Subscriber {
  readonly clientId: string;
  readonly sink: StreamSink<StatsSample>;
}

/** One engine stats stream and everyone watching it. */
interface SharedStream {
  readonly subscribers: Set<Subscriber>;
  source: Readable | undefined;
  /** The newest sample, handed at once to a subscriber that joins later. */
  last: StatsSample | undefined;
  stopped: boolean;
}

/**
 * `docker stats` streams shared by container: ten pages watching one container cost the engine one
 * stream. A stream opens with its first subscriber and closes with its last. Both bounds are
 * refused with LIMIT_REACHED: a client's own share, and the engine streams of the whole server.
 */
export class SharedStatsStreams {
  private readonly streams = new Map<string, SharedStream>();
  private readonly perClient = new Map<string, number>();
  private readonly limits: StatsLimits;

  constructor(
    private readonly connection: EngineConnection,
    limits: Partial<StatsLimits> = {},
  ) {
    this.limits = { maxStreams: limits.maxStreams ?? maxStatsStreams, maxPerClient: limits.maxPerClient ?? maxStatsPerClient };
  }

  /** Engine stats streams open (or opening) now. */
  get engineStreams(): number {
    return this.streams.size;
  }

  /** Subscriptions across all clients. */
  get subscribers(): number {
    let n = 0;
    for (const stream of this.streams.values()) n += stream.subscribers.size;
    return n;
  }

  /** `maxPerClient` overrides the client's share for a caller that counts under its own `clientId` key (StatsWatches). */
  subscribe(id: string, sink: StreamSink<StatsSample>, clientId: string, maxPerClient = this.limits.maxPerClient): () => void {
    const held = this.perClient.get(clientId) ?? 0;
    if (held >= maxPerClient) {
      throw new BerthError({
        code: 'LIMIT_REACHED',
        message: `This page already watches the stats of ${held} containers, the most one client may (${maxPerClient}): close one first`,
      });
    }
    let stream = this.streams.get(id);
    if (!stream) {
      if (this.streams.size >= this.limits.maxStreams) {
        throw new BerthError({
          code: 'LIMIT_REACHED',
          message: `Live stats are streamed for ${this.streams.size} containers already, the most Berth asks of the engine at once (${this.limits.maxStreams}): try again when another page closes its stats`,
        });
      }
      stream = { subscribers: new Set(), source: undefined, last: undefined, stopped: false };
      this.streams.set(id, stream);
      this.open(id, stream);
    }
    const subscriber: Subscriber = { clientId, sink };
    stream.subscribers.add(subscriber);
    this.perClient.set(clientId, held + 1);
    if (stream.last) sink.send(stream.last);
    const shared = stream;
    let left = false;
    return () => {
      if (left) return;
      left = true;
      this.leave(id, shared, subscriber);
    };
  }

  /** Berth is closing: every engine stats stream stops and its subscribers hear the end. */
  closeAll(): void {
    for (const [id, stream] of [...this.streams]) this.finish(id, stream);
  }

  private leave(id: string, stream: SharedStream, subscriber: Subscriber): void {
    if (!stream.subscribers.delete(subscriber)) return;
    const held = (this.perClient.get(subscriber.clientId) ?? 1) - 1;
    if (held > 0) this.perClient.set(subscriber.clientId, held);
    else this.perClient.delete(subscriber.clientId);
    if (stream.subscribers.size === 0) this.stop(id, stream);
  }

  private stop(id: string, stream: SharedStream): void {
    if (stream.stopped) return;
    stream.stopped = true;
    if (this.streams.get(id) === stream) this.streams.delete(id);
    stream.source?.destroy();
  }

  /** The engine stream ended or failed: every subscriber hears it, and the slot is free again. */
  private finish(id: string, stream: SharedStream, err?: unknown): void {
    const subscribers = [...stream.subscribers];
    for (const subscriber of subscribers) this.leave(id, stream, subscriber);
    this.stop(id, stream);
    for (const { sink } of subscribers) {
      if (err === undefined) sink.end();
      else sink.end(err);
    }
  }

  private open(id: string, stream: SharedStream): void {
    void (async () => {
      try {
        const container = this.connection.requireConnected().getContainer(id);
        const source = (await this.connection.use(() => container.stats({ stream: true }))) as unknown as Readable;
        if (stream.stopped) {
          source.destroy();
          return;
        }
        stream.source = source;
        // A line that is not JSON is skipped; the next sample comes within a second.
        onJsonLines(source, (raw) => {
          const sample = toStatsSample(raw as RawStats);
          stream.last = sample;
          for (const { sink } of [...stream.subscribers]) sink.send(sample);
        });
        source.on('end', () => this.finish(id, stream));
        source.on('error', (err) => this.finish(id, stream, err));
      } catch (err) {
        this.finish(id, stream, err);
      }
    })();
  }
}
