import { isDeepStrictEqual } from 'node:util';
import type { FilesystemChange } from '../../../shared/container-detail-types.js';
import type { EngineMap, WritableLayer } from '../../../shared/engine-map-types.js';
import type { EngineConnection } from '../engine-connection.js';
import { LayerIndex } from '../images/layer-index.js';
import type { EngineLiveModel, LiveKind } from '../live/engine-live-model.js';
import type { StreamCloser, StreamSink } from '../stream-sink.js';
import { toRpcError } from '../to-rpc-error.js';
import { assembleMap, type CommitOrigin } from './map-assembly.js';
import { summariseChanges } from './writable-layer.js';

export interface EngineMapOptions {
  /** How long a one-off map waits for the live model's first list before answering with what it holds, in ms. */
  firstListWaitMs?: number;
}

/** How many commits the map remembers (image ID → the container it came from). */
const maxRememberedCommits = 1000;
const watchedKinds: readonly LiveKind[] = ['images', 'containers'];

/**
 * One engine's map: images as chains of layers, containers on their images. It follows the live
 * model (no list of its own): while someone watches, every change to the images or containers it
 * holds rebuilds the map, and only a map that differs is sent. Layers come from a LayerIndex,
 * which inspects each image ID once (its layers never change), so 50 images cost 50 inspects and
 * histories once, and a container starting costs no request at all.
 */
export class EngineMapService {
  private readonly layers: LayerIndex;
  private readonly commits = new Map<string, CommitOrigin>();
  private readonly sinks = new Set<StreamSink<EngineMap>>();
  /** The live model's feeds this service watches while it has watchers; whether each is live. */
  private feeds: Array<{ close: StreamCloser; live: boolean }> = [];
  private last: EngineMap | undefined;
  private building = false;
  private buildAgain = false;
  private readonly offEvents: () => void;
  private readonly firstListWaitMs: number;

  constructor(
    private readonly connection: EngineConnection,
    private readonly model: EngineLiveModel,
    options: EngineMapOptions = {},
  ) {
    this.layers = new LayerIndex(connection);
    this.firstListWaitMs = options.firstListWaitMs ?? 30_000;
    this.offEvents = connection.onEvent((event) => {
      if (event.type !== 'container' || event.action !== 'commit' || !event.imageId) return;
      this.commits.delete(event.imageId);
      this.commits.set(event.imageId, { containerId: event.id, containerName: event.name ?? event.id.slice(0, 12) });
      if (this.commits.size > maxRememberedCommits) this.commits.delete(this.commits.keys().next().value as string);
      this.rebuild();
    });
  }

  /** The map now: once the live model has listed (or said the engine is out of reach). */
  async snapshot(): Promise<EngineMap> {
    if (this.feeds.length > 0) return this.build(this.isLive());
    const live = await this.waitForFirstList();
    return this.build(live);
  }

  /** A client watches the map: the map at once (once listed), then each changed map. */
  watch(sink: StreamSink<EngineMap>): StreamCloser {
    this.sinks.add(sink);
    if (this.feeds.length === 0) this.followModel();
    else if (this.last) sink.send(this.last);
    return () => {
      this.sinks.delete(sink);
      if (this.sinks.size === 0) this.unfollowModel();
    };
  }

  /** A container's writable layer (`docker diff`), files first, its first `limit` entries. */
  async writableLayer(id: string, limit: number): Promise<WritableLayer> {
    const raw: unknown = await this.connection.use((docker) => docker.getContainer(id).changes());
    // With no changes the engine answers `null`, which dockerode hands over as an empty buffer.
    const kinds = ['changed', 'added', 'deleted'] as const;
    const changes: FilesystemChange[] = Array.isArray(raw)
      ? (raw as Array<{ Path: string; Kind: number }>).map((c) => ({ path: c.Path, kind: kinds[c.Kind] ?? 'changed' }))
      : [];
    return summariseChanges(changes, limit);
  }

  close(): void {
    this.offEvents();
    this.unfollowModel();
    for (const sink of this.sinks) sink.end();
    this.sinks.clear();
  }

  private isLive(): boolean {
    return this.feeds.every((f) => f.live);
  }

  private followModel(): void {
    this.feeds = watchedKinds.map((kind) => {
      const feed = { close: (() => undefined) as StreamCloser, live: false };
      feed.close = this.model.watch(kind, {
        send: (message) => {
          if (message.t === 'snapshot') feed.live = true;
          else if (message.t === 'stale') feed.live = false;
          this.rebuild();
          return true;
        },
        end: () => undefined,
      });
      return feed;
    });
  }

  private unfollowModel(): void {
    for (const feed of this.feeds.splice(0)) feed.close();
    this.last = undefined;
  }

  /** Builds the map again and sends it if it changed; one build at a time, the last change always seen. */
  private rebuild(): void {
    if (this.sinks.size === 0) return;
    if (this.building) {
      this.buildAgain = true;
      return;
    }
    this.building = true;
    void (async () => {
      try {
        do {
          this.buildAgain = false;
          const map = await this.build(this.isLive());
          if (this.sinks.size === 0 || isDeepStrictEqual(map, this.last)) continue;
          this.last = map;
          for (const sink of this.sinks) sink.send(map);
        } while (this.buildAgain);
      } catch (err) {
        console.error(`[berth] engine map: ${toRpcError(err).message}`);
      } finally {
        this.building = false;
      }
    })();
  }

  private async build(live: boolean): Promise<EngineMap> {
    const images = this.model.items('images');
    const containers = this.model.items('containers');
    const layers = await this.layers.byIds(images.map((i) => i.id));
    return assembleMap({ live, images, containers, layers, commits: this.commits });
  }

  /** Watches the model until both feeds have said something (listed, or out of reach); whether both listed. */
  private waitForFirstList(): Promise<boolean> {
    return new Promise((resolve) => {
      const said = new Map<LiveKind, boolean>();
      const closers: StreamCloser[] = [];
      let done = false;
      const finish = (): void => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        for (const close of closers.splice(0)) close();
        resolve(said.size === watchedKinds.length && [...said.values()].every(Boolean));
      };
      const timer = setTimeout(finish, this.firstListWaitMs);
      for (const kind of watchedKinds) {
        closers.push(
          this.model.watch(kind, {
            send: (message) => {
              if (message.t !== 'patch') said.set(kind, message.t === 'snapshot');
              if (said.size === watchedKinds.length) queueMicrotask(finish);
              return true;
            },
            end: () => undefined,
          }),
        );
      }
    });
  }
}
