import type Docker from 'dockerode';
import type { EngineConnection } from '../engine-connection.js';
import { chainIds, pairHistoryWithLayers, type RawHistoryEntry } from './history-layers.js';

/** What never changes for an image ID: its layers, their sizes, its history and parent. */
export interface ImageLayers {
  id: string;
  parent: string;
  size: number;
  diffIds: string[];
  /** Chain IDs, parallel to diffIds: what the engine stores once on disk. */
  chains: string[];
  /** Bytes per layer, parallel to diffIds; null when history and layers could not be matched. */
  layerSizes: Array<number | null>;
  /** Newest first, with the layer (index into diffIds) and diff ID each entry added; null for metadata-only entries. */
  history: Array<RawHistoryEntry & { layer: number | null; diffId: string | null }>;
}

/** A local top-level image with its current tags (tags change; layers do not). */
export interface LocalImage extends ImageLayers {
  repoTags: string[];
  created: number;
}

/**
 * Layers of local images, for shared-layer and reclaimable-space questions. An image ID names
 * immutable content, so each image is inspected once (inspect + history) and cached by ID; only
 * the list is asked again each time.
 */
export class LayerIndex {
  private readonly cache = new Map<string, Promise<ImageLayers>>();

  constructor(private readonly connection: EngineConnection) {}

  /** Layers of one image by ID or reference. */
  async of(image: string): Promise<ImageLayers> {
    const info = await this.connection.use((docker) => docker.getImage(image).inspect());
    return this.byId(info.Id, info);
  }

  /** Every top-level local image (what `docker images` lists), with layers. */
  async all(filters?: Record<string, string[]>): Promise<LocalImage[]> {
    const list = await this.connection.use((docker) => docker.listImages({ all: false, ...(filters ? { filters } : {}) }));
    if (!filters) this.forgetAllBut(new Set(list.map((i) => i.Id)));
    const out: LocalImage[] = [];
    for (const summary of list) {
      // One at a time: the first visit costs two requests per image, and the engine is shared.
      const layers = await this.byId(summary.Id).catch(() => undefined);
      if (layers)
        out.push({ ...layers, repoTags: (summary.RepoTags ?? []).filter((t) => t !== '<none>:<none>'), created: summary.Created });
    }
    return out;
  }

  /**
   * Layers of images known by ID (from a list held elsewhere, such as the live model's), one at a
   * time and cached; IDs not given are forgotten. An image that cannot be read maps to its error.
   */
  async byIds(ids: readonly string[]): Promise<Map<string, ImageLayers | { error: unknown }>> {
    this.forgetAllBut(new Set(ids));
    const out = new Map<string, ImageLayers | { error: unknown }>();
    for (const id of ids) out.set(id, await this.byId(id).catch((error: unknown) => ({ error })));
    return out;
  }

  private byId(id: string, known?: Docker.ImageInspectInfo): Promise<ImageLayers> {
    let entry = this.cache.get(id);
    if (!entry) {
      entry = this.load(id, known);
      // A failed load (image removed meanwhile) must not stay cached.
      entry.catch(() => this.cache.delete(id));
      this.cache.set(id, entry);
    }
    return entry;
  }

  private async load(id: string, known?: Docker.ImageInspectInfo): Promise<ImageLayers> {
    const image = this.connection.docker.getImage(id);
    const info = known ?? (await this.connection.use(() => image.inspect()));
    const history = (await this.connection.use(() => image.history())) as RawHistoryEntry[];
    const diffIds = info.RootFS?.Layers ?? [];
    const paired = pairHistoryWithLayers(history, diffIds.length);
    const layerSizes = diffIds.map((_diffId, layer) => {
      const at = paired?.indexOf(layer) ?? -1;
      return at >= 0 ? (history[at]?.Size ?? null) : null;
    });
    return {
      id: info.Id,
      parent: info.Parent ?? '',
      size: info.Size,
      diffIds,
      chains: chainIds(diffIds),
      layerSizes,
      history: history.map((h, i) => {
        const layer = paired?.[i] ?? null;
        return { ...h, layer, diffId: layer === null ? null : (diffIds[layer] ?? null) };
      }),
    };
  }

  private forgetAllBut(ids: Set<string>): void {
    for (const id of this.cache.keys()) if (!ids.has(id)) this.cache.delete(id);
  }
}
