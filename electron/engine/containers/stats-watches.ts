import { randomBytes } from 'node:crypto';
import type { StatsSample } from '../../../shared/container-detail-types.js';
import { BerthError } from '../../../shared/errors.js';
import type { StatsWatchMessage } from '../../../shared/stats-watch-contract.js';
import type { StreamCloser, StreamSink } from '../stream-sink.js';
import { toRpcError } from '../to-rpc-error.js';

/** Subscribes one viewer to a container's shared engine stats stream (SharedStatsStreams.subscribe). */
export type StatsSubscribe = (id: string, sink: StreamSink<StatsSample>, shareKey: string, maxPerShare: number) => StreamCloser;

export interface StatsWatchOptions {
  /** Samples are gathered this long and sent together (newest per container). */
  readonly batchMs?: number;
  /** Engine streams one client's watches may hold, whatever the number of its watches. */
  readonly maxPerClient?: number;
}

/** A page's table shows fewer rows than this; the contract bounds one watch to the same. */
export const maxWatchedPerClient = 64;
const defaultBatchMs = 250;
/** While the transport is full, send at most this often (newest samples only; older ones are dropped). */
const congestedBatchMs = 1000;

export const notRunningReason = 'The container is not running';

/**
 * The engine keeps a stopped container's stats stream open and sends empty documents (no read
 * time, no pids, no memory limit) until it is started again or removed. A running container always
 * has a process and a memory limit (the host's, when it has none of its own).
 */
export function isNotRunningSample(sample: StatsSample): boolean {
  return sample.pids === 0 && sample.memoryLimit === 0;
}

interface Held {
  /** Set once subscribe returned; a sample handed over during subscribe comes before it. */
  close: StreamCloser | undefined;
  /** Ended (stopped, removed, failed) before or after subscribe returned: close it and forget it. */
  done: boolean;
}

interface Watch {
  readonly clientId: string;
  readonly sink: StreamSink<StatsWatchMessage>;
  readonly held: Map<string, Held>;
  readonly pendingSamples: Map<string, StatsSample>;
  readonly pendingEnded: Map<string, string>;
  timer: ReturnType<typeof setTimeout> | undefined;
  congested: boolean;
  closed: boolean;
}

/**
 * Stats of a changing set of containers for one client, over one stream: the containers table
 * follows the running rows on screen. Each container is one subscription to the server's shared
 * engine stats streams, so a container watched here and in a detail pane (or by another page) costs
 * the engine one stream. Samples are batched (newest per container); a container that stops or
 * goes away leaves the set and the client hears why.
 */
export class StatsWatches {
  private readonly watches = new Map<string, Watch>();
  private readonly batchMs: number;
  private readonly maxPerClient: number;

  constructor(
    private readonly subscribe: StatsSubscribe,
    options: StatsWatchOptions = {},
  ) {
    this.batchMs = options.batchMs ?? defaultBatchMs;
    this.maxPerClient = options.maxPerClient ?? maxWatchedPerClient;
  }

  /** Watches open now. */
  get openWatches(): number {
    return this.watches.size;
  }

  /** Containers followed across every watch (each is one shared-stream subscription). */
  get followed(): number {
    let n = 0;
    for (const watch of this.watches.values()) n += watch.held.size;
    return n;
  }

  /** Opens a watch of `ids`; its first message carries the id to change the set under. */
  open(ids: readonly string[], sink: StreamSink<StatsWatchMessage>, clientId: string): StreamCloser {
    const watchId = randomBytes(16).toString('hex');
    const watch: Watch = {
      clientId,
      sink,
      held: new Map(),
      pendingSamples: new Map(),
      pendingEnded: new Map(),
      timer: undefined,
      congested: false,
      closed: false,
    };
    this.watches.set(watchId, watch);
    // Samples and ends go out in batches (never from inside apply), so this stays the first message.
    this.apply(watch, ids);
    sink.send({ watch: watchId, watching: [...watch.held.keys()], samples: [], ended: [] });
    return () => this.close(watchId, watch);
  }

  /** Replaces the containers watch `watchId` follows; answers with those it follows now. */
  set(clientId: string, watchId: string, ids: readonly string[]): { watching: string[] } {
    const watch = this.watches.get(watchId);
    // Another client's watch is answered as unknown, so its id cannot be probed.
    if (!watch || watch.clientId !== clientId) {
      throw new BerthError({ code: 'NOT_FOUND', message: 'This stats watch is not open (it ended, or the page reconnected)' });
    }
    this.apply(watch, ids);
    return { watching: [...watch.held.keys()] };
  }

  /** Berth is closing: every watch ends. */
  closeAll(): void {
    for (const [watchId, watch] of [...this.watches]) {
      this.close(watchId, watch);
      watch.sink.end();
    }
  }

  private apply(watch: Watch, ids: readonly string[]): void {
    const wanted = new Set(ids);
    for (const [id, held] of [...watch.held]) {
      if (wanted.has(id)) continue;
      watch.held.delete(id);
      watch.pendingSamples.delete(id);
      held.done = true;
      held.close?.();
    }
    for (const id of wanted) {
      if (watch.held.has(id)) continue;
      watch.pendingEnded.delete(id);
      this.follow(watch, id);
    }
  }

  private follow(watch: Watch, id: string): void {
    const held: Held = { close: undefined, done: false };
    watch.held.set(id, held);
    const end = (reason: string): void => {
      if (held.done) return;
      held.done = true;
      if (watch.held.get(id) === held) watch.held.delete(id);
      watch.pendingSamples.delete(id);
      watch.pendingEnded.set(id, reason);
      held.close?.();
      this.schedule(watch);
    };
    try {
      const close = this.subscribe(
        id,
        {
          send: (sample) => {
            if (held.done) return true;
            if (isNotRunningSample(sample)) end(notRunningReason);
            else {
              watch.pendingSamples.set(id, sample);
              this.schedule(watch);
            }
            return true;
          },
          end: (err) => end(err === undefined ? 'The stats stream ended' : toRpcError(err).message),
        },
        `stats-watch:${watch.clientId}`,
        this.maxPerClient,
      );
      if (held.done) close();
      else held.close = close;
    } catch (err) {
      end(toRpcError(err).message);
    }
  }

  private schedule(watch: Watch): void {
    if (watch.closed || watch.timer) return;
    watch.timer = setTimeout(() => this.flush(watch), watch.congested ? congestedBatchMs : this.batchMs);
  }

  private flush(watch: Watch): void {
    watch.timer = undefined;
    if (watch.closed || (watch.pendingSamples.size === 0 && watch.pendingEnded.size === 0)) return;
    const message: StatsWatchMessage = {
      samples: [...watch.pendingSamples].map(([id, sample]) => ({ id, sample })),
      ended: [...watch.pendingEnded].map(([id, reason]) => ({ id, reason })),
    };
    watch.pendingSamples.clear();
    watch.pendingEnded.clear();
    watch.congested = !watch.sink.send(message);
  }

  private close(watchId: string, watch: Watch): void {
    if (watch.closed) return;
    watch.closed = true;
    clearTimeout(watch.timer);
    this.watches.delete(watchId);
    for (const held of watch.held.values()) {
      held.done = true;
      held.close?.();
    }
    watch.held.clear();
  }
}
