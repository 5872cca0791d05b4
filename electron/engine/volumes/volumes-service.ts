import type {
  CreateVolumeInput,
  CreateVolumeResult,
  VolumePrunePreview,
  VolumePruneTarget,
  VolumeRemoval,
  VolumeSizes,
  VolumeSummary,
} from '../../../shared/volume-types.js';
import { toRpcError } from '../to-rpc-error.js';
import type { EngineConnection } from '../engine-connection.js';
import { requireEngineFeature } from '../engine-feature-guard.js';
import { removeEach } from './remove-each.js';
import { prunePreviewOf, pruneRecheck, toVolumeSummaries, volumeSizesFromDf } from './volume-mapping.js';

/**
 * `docker volume` for one engine connection: list with who uses each volume, create, remove (one
 * or many, never forced), prune (a preview, then the ticked volumes after a re-check), and sizes
 * on request. Engine refusals pass through with the engine's reason, mapped as every other call's
 * (electron/engine/to-rpc-error.ts).
 */
export class VolumesService {
  constructor(private readonly connection: EngineConnection) {}

  async list(): Promise<VolumeSummary[]> {
    const [volumes, containers] = await this.connection.use((docker) =>
      Promise.all([docker.listVolumes(), docker.listContainers({ all: true })]),
    );
    return toVolumeSummaries(volumes.Volumes ?? [], containers);
  }

  async create(input: CreateVolumeInput): Promise<CreateVolumeResult> {
    // The engine returns an existing volume of the same name and driver unchanged; say so.
    const alreadyExisted = input.name ? (await this.inspectIfThere(input.name)) !== undefined : false;
    const volume = await this.connection.use((docker) =>
      docker.createVolume({
        ...(input.name ? { Name: input.name } : {}),
        Driver: input.driver ?? 'local',
        Labels: input.labels ?? {},
        DriverOpts: input.options ?? {},
      }),
    );
    return { name: volume.name, alreadyExisted };
  }

  async remove(name: string): Promise<void> {
    await this.connection.use((docker) => docker.getVolume(name).remove());
  }

  /** Removes each named volume in turn (not forced) and reports what became of each, even when the connection drops midway. */
  async removeMany(names: readonly string[]): Promise<VolumeRemoval[]> {
    return removeEach(
      names,
      async (name) => {
        await this.remove(name);
        return { name, removed: true };
      },
      () => this.connected(),
    );
  }

  /** The unused volumes (with `label`, when given), anonymous and named apart. */
  async prunePreview(label?: string): Promise<VolumePrunePreview> {
    return prunePreviewOf(await this.list(), label);
  }

  /**
   * Removes the volumes ticked in a preview. Each is re-read just before: one that is gone, was
   * made again under the same name (another creation time) or that a container now mounts is
   * skipped, with the reason, instead of removed.
   */
  async prune(targets: readonly VolumePruneTarget[]): Promise<VolumeRemoval[]> {
    const previewed = new Map(targets.map((t) => [t.name, t.createdAt]));
    return removeEach(
      [...previewed.keys()],
      async (name) => {
        const inspected = await this.inspectIfThere(name);
        if (inspected === undefined) {
          return { name, removed: false, reason: 'skipped', code: 'NOT_FOUND', error: 'Already gone: removed since the preview.' };
        }
        const containers = await this.connection.use((docker) => docker.listContainers({ all: true, filters: { volume: [name] } }));
        const problem = pruneRecheck(previewed.get(name) ?? null, inspected, containers);
        if (problem !== null) return { name, removed: false, reason: 'skipped', code: 'CONFLICT', error: problem };
        await this.remove(name);
        return { name, removed: true };
      },
      () => this.connected(),
    );
  }

  /** `GET /system/df`: can take long on a big host, so only when the user asks. */
  async sizes(): Promise<VolumeSizes> {
    requireEngineFeature('diskUsage', this.connection.status.apiVersion);
    const df: unknown = await this.connection.use((docker) => docker.df());
    return { measuredAt: Date.now(), sizes: volumeSizesFromDf(df) };
  }

  async inspect(name: string): Promise<unknown> {
    return this.connection.use((docker) => docker.getVolume(name).inspect());
  }

  private connected(): boolean {
    return this.connection.status.state === 'connected';
  }

  /** The volume's inspect document, or undefined when the engine has no volume of that name. */
  private async inspectIfThere(name: string): Promise<unknown> {
    try {
      const inspected: unknown = await this.connection.use((docker) => docker.getVolume(name).inspect());
      return inspected;
    } catch (err) {
      if (toRpcError(err).code === 'NOT_FOUND') return undefined;
      throw err;
    }
  }
}
