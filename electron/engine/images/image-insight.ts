import type { Readable } from 'node:stream';
import { BerthError } from '../../../shared/errors.js';
import type { ImageHistory, ImageRelations, ImageSummaryDetail, LayerFiles } from '../../../shared/image-types.js';
import type { EngineConnection } from '../engine-connection.js';
import { instructionOf } from './history-layers.js';
import type { LayerIndex } from './layer-index.js';
import { imageFamily, layerShare } from './layer-sharing.js';
import { summarizeInspect, type RawImageInspect } from './inspect-summary.js';
import { listLayerFiles } from './layer-files.js';

/** Understanding one image: its inspect document, its history with shared layers, its relatives. */
export class ImageInsight {
  constructor(
    private readonly connection: EngineConnection,
    private readonly layers: LayerIndex,
  ) {}

  async inspect(image: string): Promise<{ summary: ImageSummaryDetail; document: unknown }> {
    const document = await this.connection.use((docker) => docker.getImage(image).inspect());
    return { summary: summarizeInspect(document as RawImageInspect), document };
  }

  async history(image: string): Promise<ImageHistory> {
    const target = await this.layers.of(image);
    const share = layerShare(target, await this.layers.all());
    // Fresh history for the tags each step has now; the cached one gives the layer links.
    const fresh = (await this.connection.use((docker) => docker.getImage(target.id).history())) as Array<{ Tags?: string[] | null }>;
    return {
      entries: target.history.map((h, i) => {
        const chain = h.layer === null ? undefined : target.chains[h.layer];
        return {
          imageId: h.Id && h.Id !== '<missing>' ? h.Id : null,
          instruction: instructionOf(h.CreatedBy),
          createdBy: h.CreatedBy,
          created: h.Created,
          size: h.Size,
          comment: h.Comment ?? '',
          tags: fresh[i]?.Tags ?? h.Tags ?? [],
          diffId: h.diffId,
          sharedWith: chain ? (share.sharedWith.get(chain) ?? []) : [],
        };
      }),
      totalSize: target.size,
      uniqueSize: share.uniqueSize,
      sharedSize: share.sharedSize,
    };
  }

  async relations(image: string): Promise<ImageRelations> {
    const target = await this.layers.of(image);
    const [containers, everything, local] = await Promise.all([
      this.connection.use((docker) => docker.listContainers({ all: true, filters: { ancestor: [target.id] } })),
      // One request gives every image with its parent, intermediate build images included.
      this.connection.use((docker) => docker.listImages({ all: true })),
      this.layers.all(),
    ]);
    const parents = new Map(everything.filter((i) => i.ParentId).map((i) => [i.Id, i.ParentId]));
    const family = imageFamily(target, local, parents);
    const brief = (i: { id: string; repoTags: string[] }): { id: string; repoTags: string[] } => ({ id: i.id, repoTags: i.repoTags });
    return {
      containers: containers.map((c) => ({ id: c.Id, name: (c.Names[0] ?? '').replace(/^\//, ''), state: c.State })),
      bases: family.bases.map(brief),
      children: family.children.map(brief),
    };
  }

  /**
   * What one layer added, changed and removed. The engine has no API for a layer's files, so
   * this streams the image's `docker save` archive and stops once it has read the layer and
   * those below it.
   */
  async layerFiles(image: string, diffId: string, limit = 10_000): Promise<LayerFiles> {
    const target = await this.layers.of(image);
    const index = target.diffIds.indexOf(diffId);
    if (index < 0) throw new BerthError({ code: 'NOT_FOUND', message: `${diffId} is not a layer of ${image}`, path: ['diffId'] });
    const archive = (await this.connection.use((docker) => docker.getImage(target.id).get())) as Readable;
    const listed = await listLayerFiles(archive, { diffId, lowerDiffIds: target.diffIds.slice(0, index), limit });
    if (!listed)
      throw new BerthError({ code: 'ENGINE_ERROR', message: `The engine's archive of ${image} has no readable layer ${diffId}` });
    return listed;
  }
}
