import type Docker from 'dockerode';
import { BerthError } from '../../../shared/errors.js';
import { parseImageReference, type PrunePreview, type PruneResult, type RemoveResult } from '../../../shared/image-types.js';
import type { EngineConnection } from '../engine-connection.js';
import { requireEngineFeature } from '../engine-feature-guard.js';
import type { LayerIndex, LocalImage } from './layer-index.js';
import { planPrune } from './layer-sharing.js';

export interface PruneOptions {
  /** Unused tagged images too, not only dangling ones. */
  all?: boolean;
  /** Only images with this label (`key` or `key=value`), like `--filter label=`. */
  label?: string;
}

function toRemoveResult(items: unknown): RemoveResult {
  const list = Array.isArray(items) ? (items as Array<{ Untagged?: string; Deleted?: string }>) : [];
  return {
    untagged: list.flatMap((i) => (i.Untagged ? [i.Untagged] : [])),
    deleted: list.flatMap((i) => (i.Deleted ? [i.Deleted] : [])),
  };
}

function labelFilter(options: PruneOptions): Record<string, string[]> {
  return options.label ? { label: [options.label] } : {};
}

/** Tag, untag, remove and prune. Engine errors (404 NOT_FOUND, 409 CONFLICT) pass through with the engine's reason. */
export class ImageActions {
  constructor(
    private readonly connection: EngineConnection,
    private readonly layers: LayerIndex,
  ) {}

  async tag(image: string, target: string): Promise<void> {
    const parsed = parseImageReference(target);
    if (!parsed.ok) throw new BerthError({ code: 'BAD_REQUEST', message: `Invalid image reference "${target}": ${parsed.problem}` });
    const { registry, path, tag } = parsed.parts;
    const repo = registry ? `${registry}/${path}` : path;
    await this.connection.use((docker) => docker.getImage(image).tag({ repo, tag: tag ?? 'latest' }));
  }

  /** Removes one reference (`docker rmi repo:tag`); the engine deletes the image with its last reference. */
  async untag(reference: string): Promise<RemoveResult> {
    return toRemoveResult(await this.connection.use((docker) => docker.getImage(reference).remove({ force: false })));
  }

  async remove(image: string, options: { force?: boolean; noPrune?: boolean }): Promise<RemoveResult> {
    const raw = await this.connection.use((docker) =>
      docker.getImage(image).remove({ force: options.force ?? false, noprune: options.noPrune ?? false }),
    );
    return toRemoveResult(raw);
  }

  /** What the engine's prune would remove: it skips images any container (even stopped) uses. */
  async prunePreview(options: PruneOptions): Promise<PrunePreview> {
    const { candidates, survivors, keptInUse } = await this.pruneSets(options);
    const plan = planPrune(candidates, survivors);
    return {
      images: candidates.map((c) => ({
        id: c.id,
        repoTags: c.repoTags,
        created: c.created,
        size: c.size,
        reclaimable: plan.reclaimable.get(c.id) ?? null,
      })),
      spaceReclaimable: plan.total,
      keptInUse,
    };
  }

  async prune(options: PruneOptions): Promise<PruneResult> {
    requireEngineFeature('imagePrune', this.connection.status.apiVersion);
    const filters: Record<string, string[]> = { dangling: [options.all ? 'false' : 'true'], ...labelFilter(options) };
    const raw = (await this.connection.use((docker) => docker.pruneImages({ filters }))) as Docker.PruneImagesInfo;
    return { ...toRemoveResult(raw.ImagesDeleted ?? []), spaceReclaimed: raw.SpaceReclaimed ?? 0 };
  }

  private async pruneSets(options: PruneOptions): Promise<{ candidates: LocalImage[]; survivors: LocalImage[]; keptInUse: number }> {
    const containers = await this.connection.use((docker) => docker.listContainers({ all: true }));
    const inUse = new Set(containers.map((c) => c.ImageID));
    const all = await this.layers.all();
    const matching = new Set(
      (
        await this.connection.use((docker) =>
          docker.listImages({ all: false, filters: { ...(options.all ? {} : { dangling: ['true'] }), ...labelFilter(options) } }),
        )
      ).map((i) => i.Id),
    );
    const candidates = all.filter((i) => matching.has(i.id) && !inUse.has(i.id));
    const keptInUse = all.filter((i) => matching.has(i.id) && inUse.has(i.id)).length;
    const gone = new Set(candidates.map((c) => c.id));
    return { candidates, survivors: all.filter((i) => !gone.has(i.id)), keptInUse };
  }
}
