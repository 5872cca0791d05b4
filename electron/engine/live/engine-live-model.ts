import type { ConnectionStatus, ContainerSummary, EngineEvent, ImageSummary } from '../../../shared/engine-types.js';
import type { LiveListMessage } from '../../../shared/live-contract.js';
import type { NetworkSummary } from '../../../shared/network-types.js';
import type { VolumeSummary } from '../../../shared/volume-types.js';
import type { EngineConnection } from '../engine-connection.js';
import type { StreamCloser, StreamSink } from '../stream-sink.js';
import { toRpcError } from '../to-rpc-error.js';
import { Attachments } from './attachments.js';
import { BatchedReads } from './batched-reads.js';
import {
  baseAction,
  expectedAfter,
  expectedAfterMembership,
  listedOnNetwork,
  membershipNeedsRead,
  quietContainerActions,
} from './container-event-rules.js';
import type { HeldContainer, NetworkBase, VolumeBase } from './engine-replies.js';
import { EngineReads, maxIdsPerRead, type FullLists } from './engine-reads.js';
import { KeyedReads } from './keyed-reads.js';
import { LiveFeed, type LiveFeedOptions } from './live-feed.js';
import { ReadExpectations } from './read-expectations.js';
import { RereadSchedule } from './reread-schedule.js';
import { StatusAgeing } from './status-ageing.js';
import { VolumesAndNetworks } from './volumes-and-networks.js';

/** What each watch stream carries. */
export interface LiveItems {
  containers: ContainerSummary;
  images: ImageSummary;
  volumes: VolumeSummary;
  networks: NetworkSummary;
}
export type LiveKind = keyof LiveItems;

export interface EngineLiveModelOptions extends LiveFeedOptions {
  /** Wait before a full list that failed (while the engine still answers) is tried again, in ms. */
  relistRetryMs?: number;
  /** How often the containers' "Up 5 minutes" / "Exited (0) 2 hours ago" wording is aged, in ms. */
  statusTickMs?: number;
  /** Unix ms now; tests pass their own clock. */
  now?: () => number;
}

/** How many destroyed containers the model remembers against late read answers. */
const maxRememberedDestroyed = 10_000;

/**
 * One engine's containers, images, volumes and networks, kept live the way Kubernetes informers
 * do: listed once, then following the connection's `/events` and reading only what an event
 * names (a container through `/containers/json` filtered by its ID, batched when events come in
 * bursts; the one image, volume or network). `destroy` and `rename` apply without a read. The
 * volumes' users and the networks' containers derive from the container model, so container
 * events never reload those lists. A full list runs only on (re)connection, to reconcile.
 *
 * Kept for as long as the connection lives, watched or not (`start()` as soon as the engine's
 * services are built, or the first watch): the connection follows `/events` anyway and an idle
 * engine costs no request, while the first window, a reloaded one or a new tab gets its snapshot
 * from memory at once instead of waiting for the engine to list everything.
 */
export class EngineLiveModel {
  private readonly feeds: { readonly [K in LiveKind]: LiveFeed<LiveItems[K]> };
  private readonly reads: EngineReads;
  private readonly attachments = new Attachments();
  /** The volumes and networks, with who uses them derived from the containers held. */
  private readonly derived: VolumesAndNetworks;
  /** Containers whose `destroy` was seen: a read answered before it must not bring them back. */
  private readonly destroyed = new Set<string>();
  private readonly containerReads: BatchedReads<HeldContainer>;
  /** What the last event about a container says its next read must show (the engine's list can lag its events). */
  private readonly expectations = new ReadExpectations<HeldContainer>();
  private readonly rereads: RereadSchedule;
  private readonly imageReads: KeyedReads<ImageSummary | undefined>;
  private readonly volumeReads: KeyedReads<VolumeBase | undefined>;
  private readonly networkReads: KeyedReads<NetworkBase | undefined>;
  private readonly relistRetryMs: number;
  /** The containers' "Up 5 minutes" wording, aged between reads. */
  private readonly ageing: StatusAgeing;
  private started = false;
  private closed = false;
  /** The connection generation the model last listed in full. */
  private listedGeneration = -1;
  /** Events seen while a full list is under way, applied after it (the list may predate them). */
  private deferred: Array<[EngineEvent, Readonly<Record<string, string>>]> | undefined;
  private relistAgain = false;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly unsubscribe: Array<() => void> = [];

  constructor(
    private readonly connection: EngineConnection,
    options: EngineLiveModelOptions = {},
  ) {
    this.feeds = {
      containers: new LiveFeed<ContainerSummary>((c) => c.id, options),
      images: new LiveFeed<ImageSummary>((i) => i.id, options),
      volumes: new LiveFeed<VolumeSummary>((v) => v.name, options),
      networks: new LiveFeed<NetworkSummary>((n) => n.id, options),
    };
    this.derived = new VolumesAndNetworks(this.attachments, this.feeds.volumes, this.feeds.networks);
    this.relistRetryMs = options.relistRetryMs ?? 2000;
    this.ageing = new StatusAgeing(options.now ?? Date.now, options.statusTickMs ?? 5000);
    this.reads = new EngineReads(connection);
    this.rereads = new RereadSchedule(connection.id, () => connection.status.state === 'connected');
    this.containerReads = new BatchedReads<HeldContainer>(
      async (ids) => new Map((await this.reads.containers(ids)).map((c) => [c.summary.id, c])),
      (id, held) => this.containerAnswered(id, held),
      (ids, err) => {
        for (const id of ids) this.rereads.failed(`container:${id}`, () => this.containerReads.request(id), err);
      },
      maxIdsPerRead,
    );
    this.imageReads = new KeyedReads(
      (ref) => this.reads.image(ref),
      (ref, image) => {
        this.rereads.answered(`image:${ref}`);
        this.setImage(ref, image);
      },
      (ref, err) => this.rereads.failed(`image:${ref}`, () => this.imageReads.request(ref), err),
    );
    this.volumeReads = new KeyedReads(
      (name) => this.reads.volume(name),
      (name, volume) => {
        this.rereads.answered(`volume:${name}`);
        this.derived.setVolume(name, volume);
      },
      (name, err) => this.rereads.failed(`volume:${name}`, () => this.volumeReads.request(name), err),
    );
    this.networkReads = new KeyedReads(
      (id) => this.reads.network(id),
      (id, network) => {
        this.rereads.answered(`network:${id}`);
        this.derived.setNetwork(id, network);
      },
      (id, err) => this.rereads.failed(`network:${id}`, () => this.networkReads.request(id), err),
    );
  }

  /** A client watches one kind of object: a snapshot, then patches, until the returned closer runs. */
  watch<K extends LiveKind>(kind: K, sink: StreamSink<LiveListMessage<LiveItems[K]>>): StreamCloser {
    // Nobody may have watched for a while: the snapshot words each container's age as of now.
    if (kind === 'containers') this.ageStatuses(true);
    const closeFeed = (this.feeds[kind] as LiveFeed<LiveItems[K]>).subscribe(sink);
    this.start();
    // The snapshot comes from memory: make sure the engine still answers, so a hung one is said to be.
    this.connection.checkAnswering();
    return closeFeed;
  }

  /** What the model holds now (for tests and diagnostics). */
  items<K extends LiveKind>(kind: K): LiveItems[K][] {
    return [...(this.feeds[kind] as LiveFeed<LiveItems[K]>).values()];
  }

  /** Running and total containers as held now (what `docker info` counts); undefined while the model is not live. */
  containerCounts(): { running: number; total: number } | undefined {
    const feed = this.feeds.containers;
    if (!feed.isLive) return undefined;
    let running = 0;
    let total = 0;
    for (const c of feed.values()) {
      total += 1;
      if (c.state === 'running') running += 1;
    }
    return { running, total };
  }

  /** Whether the model follows the engine now (listed, and the engine reachable). */
  get isLive(): boolean {
    return this.feeds.containers.isLive;
  }

  /** The connection is closing: every watch stream ends and the model stops following. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.retryTimer);
    this.ageing.stop();
    for (const off of this.unsubscribe.splice(0)) off();
    this.resetReads();
    for (const feed of Object.values(this.feeds)) feed.endAll();
  }

  /** Follows the connection from now on: lists in full once it is connected, then keeps up. */
  start(): void {
    if (this.started || this.closed) return;
    this.started = true;
    this.unsubscribe.push(
      this.connection.onStatus((status) => this.onStatus(status)),
      this.connection.onEvent((event, attributes) => this.onEvent(event, attributes)),
    );
    this.onStatus(this.connection.status);
    this.ageing.every(() => this.ageStatuses());
  }

  /** Words each container's age as the engine would now, without asking it; only changed wording is sent. */
  private ageStatuses(evenUnwatched = false): void {
    const feed = this.feeds.containers;
    if (!feed.isLive || (feed.watchers === 0 && !evenUnwatched)) return;
    feed.apply(this.ageing.changed((id) => feed.get(id)));
  }

  private onStatus(status: ConnectionStatus): void {
    if (this.closed) return;
    if (status.state === 'connected') {
      if (status.generation !== this.listedGeneration) void this.relist();
    } else if (status.state === 'disconnected' || status.state === 'not-answering') {
      clearTimeout(this.retryTimer);
      this.markStale(status.error ?? `The Docker Engine is ${status.state === 'disconnected' ? 'unreachable' : 'not answering'}`);
    }
  }

  private markStale(reason: string): void {
    for (const feed of Object.values(this.feeds)) feed.markStale(reason);
  }

  private resetReads(): void {
    this.containerReads.reset();
    this.expectations.clear();
    this.rereads.clear();
    this.imageReads.reset();
    this.volumeReads.reset();
    this.networkReads.reset();
  }

  /** Lists everything and reconciles; events arriving meanwhile are applied after it. */
  private async relist(): Promise<void> {
    if (this.deferred) {
      this.relistAgain = true;
      return;
    }
    clearTimeout(this.retryTimer);
    this.deferred = [];
    this.resetReads();
    const generation = this.connection.status.generation;
    try {
      const lists = await this.reads.lists();
      if (this.closed) return;
      this.reconcile(lists);
      this.listedGeneration = generation;
    } catch (err) {
      if (this.closed) return;
      // An engine that went away is reported by the connection (stale, then a new generation). One that
      // answered with something else is said, and asked again a little later.
      if (this.connection.status.state === 'connected') {
        const message = toRpcError(err).message;
        console.error(`[berth] live model of ${this.connection.id}: listing failed: ${message}`);
        this.markStale(`Listing failed: ${message}`);
        this.retryTimer = setTimeout(() => void this.relist(), this.relistRetryMs);
        this.retryTimer.unref?.();
      }
    } finally {
      const deferred = this.deferred ?? [];
      this.deferred = undefined;
      if (!this.closed) {
        for (const [event, attributes] of deferred) this.apply(event, attributes);
        if (this.relistAgain) {
          this.relistAgain = false;
          void this.relist();
        }
      }
    }
  }

  private reconcile(lists: FullLists): void {
    this.destroyed.clear();
    const listed = new Set(lists.containers.map((c) => c.summary.id));
    for (const id of [...this.attachments.ids()]) if (!listed.has(id)) this.attachments.set(id, undefined);
    this.ageing.clear();
    for (const c of lists.containers) {
      this.attachments.set(c.summary.id, c);
      this.ageing.said(c.summary);
    }
    this.feeds.containers.reconcile(lists.containers.map((c) => c.summary));
    this.derived.reconcileVolumes(lists.volumes);
    this.derived.reconcileNetworks(lists.networks);
    this.feeds.images.reconcile(lists.images);
  }

  private onEvent(event: EngineEvent, attributes: Readonly<Record<string, string>>): void {
    if (this.closed) return;
    if (this.deferred) this.deferred.push([event, attributes]);
    else this.apply(event, attributes);
  }

  private apply(event: EngineEvent, attributes: Readonly<Record<string, string>>): void {
    const action = baseAction(event);
    switch (event.type) {
      case 'container':
        return this.containerEvent(action, event);
      case 'image':
        return this.imageEvent(action, event);
      case 'volume':
        return this.volumeEvent(action, event);
      case 'network':
        return this.networkEvent(action, event, attributes);
    }
  }

  private containerEvent(action: string, event: EngineEvent): void {
    const { id } = event;
    if (!id || quietContainerActions.has(action)) return;
    if (action === 'destroy') {
      // Only a read already on its way can still answer with it (no event follows a destroy).
      if (this.containerReads.busy(id)) this.rememberDestroyed(id);
      this.expectations.forget(id);
      this.rereads.cancel(`container:${id}`);
      this.setContainer(id, undefined, false);
      return;
    }
    const held = this.attachments.get(id);
    if (action === 'rename' && event.name && held && !this.containerReads.busy(id)) {
      this.setContainer(id, { ...held, summary: { ...held.summary, name: event.name } }, false);
      return;
    }
    const accepts = expectedAfter(action, event.action);
    if (accepts) this.expectations.expect(id, accepts);
    this.containerReads.request(id);
  }

  /** A read's answer about one container: applied, unless it contradicts the event that asked for it. */
  private containerAnswered(id: string, held: HeldContainer | undefined): void {
    this.rereads.answered(`container:${id}`);
    const verdict = this.expectations.settle(id, held);
    if (verdict === 'apply') this.setContainer(id, held, true);
    else this.rereads.later(`container:${id}`, verdict.retryInMs, () => this.containerReads.request(id));
  }

  private rememberDestroyed(id: string): void {
    this.destroyed.add(id);
    // Bounded: a read answers within its time limit, long before this many containers go.
    if (this.destroyed.size > maxRememberedDestroyed) this.destroyed.delete(this.destroyed.values().next().value!);
  }

  private imageEvent(action: string, event: EngineEvent): void {
    if (!event.id) return;
    switch (action) {
      case 'delete':
        this.setImage(event.id, undefined);
        this.rereadIfBusy(this.imageReads, event.id);
        return;
      case 'prune':
        void this.relistOne('images');
        return;
      case 'save':
      case 'push':
        return;
      default:
        // pull (its ID is the reference pulled), tag, untag, import, load: read the one image.
        this.imageReads.request(event.id);
    }
  }

  private volumeEvent(action: string, event: EngineEvent): void {
    if (!event.id) return;
    switch (action) {
      case 'destroy':
        this.derived.setVolume(event.id, undefined);
        this.rereadIfBusy(this.volumeReads, event.id);
        return;
      case 'prune':
        void this.relistOne('volumes');
        return;
      case 'create':
        this.volumeReads.request(event.id);
        return;
      // mount and unmount: who uses a volume comes from the containers.
    }
  }

  private networkEvent(action: string, event: EngineEvent, attributes: Readonly<Record<string, string>>): void {
    switch (action) {
      case 'destroy':
      case 'remove':
        if (!event.id) return;
        this.derived.setNetwork(event.id, undefined);
        this.rereadIfBusy(this.networkReads, event.id);
        return;
      case 'connect':
      case 'disconnect': {
        // The container's endpoints may have changed; the network's members derive from them.
        const id = attributes.container;
        if (!id) return;
        const joining = action === 'connect';
        const held = this.attachments.get(id);
        const listed = held !== undefined && listedOnNetwork(held, event.id, attributes.name);
        if (!membershipNeedsRead(held, this.containerReads.busy(id), joining, listed)) return;
        this.expectations.expect(id, expectedAfterMembership(joining, event.id, attributes.name));
        this.containerReads.request(id);
        return;
      }
      case 'prune':
        void this.relistOne('networks');
        return;
      default:
        if (event.id) this.networkReads.request(event.id);
    }
  }

  /** A read of an object just removed may answer with it as it was before: read it again, so the last answer is "gone". */
  private rereadIfBusy<T>(reads: KeyedReads<T>, key: string): void {
    if (reads.busy(key)) reads.request(key);
  }

  /** A prune event: the one list it concerns, reconciled (the event does not say what went). */
  private async relistOne(kind: 'images' | 'volumes' | 'networks'): Promise<void> {
    try {
      if (kind === 'images') this.feeds.images.reconcile(await this.reads.imageList());
      else if (kind === 'volumes') this.derived.reconcileVolumes(await this.reads.volumeList());
      else this.derived.reconcileNetworks(await this.reads.networkList());
    } catch (err) {
      this.rereads.failed(`list:${kind}`, () => void this.relistOne(kind), err);
      return;
    }
    this.rereads.answered(`list:${kind}`);
  }

  /** `read`: the engine just listed it (its status is fresh), rather than an event applied to what is held. */
  private setContainer(id: string, held: HeldContainer | undefined, read: boolean): void {
    if (held && this.destroyed.has(id)) return;
    const touched = this.attachments.set(id, held);
    if (held) {
      if (read) this.ageing.said(held.summary);
      this.feeds.containers.apply([this.ageing.shown(held.summary)]);
    } else {
      this.ageing.forget(id);
      this.feeds.containers.apply([], [id]);
    }
    this.derived.containerTouched(touched);
  }

  private setImage(ref: string, image: ImageSummary | undefined): void {
    const images = this.feeds.images;
    if (!image) {
      // Gone: `ref` is the ID of a deleted or untagged image (a pull's reference that no longer resolves names nothing held).
      images.apply([], [ref]);
      return;
    }
    // A tag names one image: an image that held one of these tags lost it (it may now be dangling).
    const moved: ImageSummary[] = [];
    for (const other of images.values()) {
      if (other.id === image.id || !other.repoTags.some((tag) => image.repoTags.includes(tag))) continue;
      moved.push({ ...other, repoTags: other.repoTags.filter((tag) => !image.repoTags.includes(tag)) });
    }
    images.apply([...moved, image]);
  }
}
