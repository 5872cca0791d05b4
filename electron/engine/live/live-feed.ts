import { isDeepStrictEqual } from 'node:util';
import type { LiveListMessage } from '../../../shared/live-contract.js';
import type { StreamCloser, StreamSink } from '../stream-sink.js';
import { PatchCoalescer, patchBackoffMs, patchFrameMs, realTimers, type LivePatch, type PatchTimers } from './patch-coalescer.js';

export interface LiveFeedOptions {
  frameMs?: number;
  backoffMs?: number;
  timers?: PatchTimers;
}

interface Subscriber<T> {
  readonly sink: StreamSink<LiveListMessage<T>>;
  readonly patches: PatchCoalescer<T>;
}

/**
 * One kind of engine object (containers, images, ...) as the model holds it, and the clients
 * watching it. Each subscriber gets a snapshot, then patches coalesced per frame; `stale` when
 * the engine is out of reach, and a snapshot again once the model has reconciled.
 *
 * A change that leaves an item as it was (deep-equal) is not sent.
 */
export class LiveFeed<T> {
  private readonly items = new Map<string, T>();
  private readonly subscribers = new Set<Subscriber<T>>();
  /** `loading`: nothing listed yet; `live`: following the engine; `stale`: out of reach, items as last known. */
  private state: 'loading' | 'live' | 'stale' = 'loading';
  private staleReason = '';
  private readonly frameMs: number;
  private readonly backoffMs: number;
  private readonly timers: PatchTimers;

  constructor(
    /** The key an item is stored under (an id; a volume's name). */
    readonly keyOf: (item: T) => string,
    options: LiveFeedOptions = {},
  ) {
    this.frameMs = options.frameMs ?? patchFrameMs;
    this.backoffMs = options.backoffMs ?? patchBackoffMs;
    this.timers = options.timers ?? realTimers;
  }

  get isLive(): boolean {
    return this.state === 'live';
  }

  get size(): number {
    return this.items.size;
  }

  get(key: string): T | undefined {
    return this.items.get(key);
  }

  values(): IterableIterator<T> {
    return this.items.values();
  }

  /** How many clients watch this feed now. */
  get watchers(): number {
    return this.subscribers.size;
  }

  /**
   * A client starts watching: the snapshot at once when the model is live (or the last known items
   * and `stale` when it is not); while the first list is loading, the snapshot follows when it
   * arrives. The returned closer stops its patches.
   */
  subscribe(sink: StreamSink<LiveListMessage<T>>): StreamCloser {
    const subscriber: Subscriber<T> = {
      sink,
      patches: new PatchCoalescer<T>((patch) => sink.send({ t: 'patch', ...patch }), this.frameMs, this.backoffMs, this.timers),
    };
    this.subscribers.add(subscriber);
    if (this.state === 'live') this.sendSnapshot(subscriber);
    else if (this.state === 'stale') {
      if (this.items.size > 0) this.sendSnapshot(subscriber);
      sink.send({ t: 'stale', reason: this.staleReason });
    }
    return () => {
      subscriber.patches.stop();
      this.subscribers.delete(subscriber);
    };
  }

  /** Inserts or replaces items and drops keys; subscribers get what actually changed. */
  apply(upsert: readonly T[], remove: readonly string[] = []): void {
    const changed: T[] = [];
    const gone: string[] = [];
    for (const key of remove) if (this.items.delete(key)) gone.push(key);
    for (const item of upsert) {
      const key = this.keyOf(item);
      const held = this.items.get(key);
      if (held !== undefined && isDeepStrictEqual(held, item)) continue;
      this.items.set(key, item);
      changed.push(item);
    }
    if (this.state !== 'live') return;
    this.forward({ upsert: changed, remove: gone });
  }

  /**
   * The engine's whole list (after a (re)connection): what differs from what is held is applied.
   * A feed that was loading or stale goes live and every subscriber gets a snapshot; a live one
   * sends the difference as a patch. Returns the difference.
   */
  reconcile(items: readonly T[]): LivePatch<T> {
    const diff = diffItems(this.items, items, this.keyOf);
    for (const key of diff.remove) this.items.delete(key);
    for (const item of diff.upsert) this.items.set(this.keyOf(item), item);
    if (this.state === 'live') this.forward(diff);
    else {
      this.state = 'live';
      for (const subscriber of this.subscribers) this.sendSnapshot(subscriber);
    }
    return diff;
  }

  /** The engine is out of reach: pending changes go out, then `stale`, once. */
  markStale(reason: string): void {
    if (this.state === 'stale' && this.staleReason === reason) return;
    const wasLoaded = this.state === 'live';
    this.state = 'stale';
    this.staleReason = reason;
    for (const { sink, patches } of this.subscribers) {
      if (wasLoaded) patches.flush();
      else patches.discard();
      sink.send({ t: 'stale', reason });
    }
  }

  /** The model is closing: every subscriber's stream ends. */
  endAll(error?: unknown): void {
    for (const { sink, patches } of [...this.subscribers]) {
      patches.stop();
      sink.end(error);
    }
    this.subscribers.clear();
  }

  private sendSnapshot(subscriber: Subscriber<T>): void {
    subscriber.patches.discard();
    const accepted = subscriber.sink.send({ t: 'snapshot', items: [...this.items.values()] });
    subscriber.patches.markSent(accepted);
  }

  private forward(patch: LivePatch<T>): void {
    if (patch.upsert.length === 0 && patch.remove.length === 0) return;
    for (const { patches } of this.subscribers) patches.add(patch.upsert, patch.remove, this.keyOf);
  }
}

/** What turns `held` into `next`: items new or different (deep-equal counts as the same), keys gone. */
export function diffItems<T>(held: ReadonlyMap<string, T>, next: readonly T[], keyOf: (item: T) => string): LivePatch<T> {
  const upsert: T[] = [];
  const seen = new Set<string>();
  for (const item of next) {
    const key = keyOf(item);
    seen.add(key);
    const before = held.get(key);
    if (before === undefined || !isDeepStrictEqual(before, item)) upsert.push(item);
  }
  const remove = [...held.keys()].filter((key) => !seen.has(key));
  return { upsert, remove };
}
