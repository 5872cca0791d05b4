import { BerthError } from '../../../shared/errors.js';
import type { CreateVolumeInput, CreateVolumeResult, VolumeRemoval, VolumeSizes, VolumeSummary } from '../../../shared/volume-types.js';
import type { EngineConnection } from '../engine-connection.js';
import { toVolumeSummaries, unusedVolumes, volumeSizesFromDf } from './volume-mapping.js';

interface EngineHttpError {
  statusCode?: number;
  json?: { message?: unknown } | null;
  reason?: string;
  message?: string;
}

/** The engine's own words for a failed request, and a code like the contract's. */
function engineFailure(err: unknown): { code: string; error: string } {
  if (err instanceof BerthError) return { code: err.code, error: err.message };
  const e = (typeof err === 'object' && err !== null ? err : {}) as EngineHttpError;
  const error = typeof e.json?.message === 'string' ? e.json.message : (e.reason ?? e.message ?? String(err));
  const code = e.statusCode === 404 ? 'NOT_FOUND' : e.statusCode === 409 ? 'CONFLICT' : e.statusCode === 400 ? 'BAD_REQUEST' : 'ENGINE_ERROR';
  return { code, error };
}

/**
 * `docker volume` for one engine connection: list with who uses each volume, create, remove (one
 * or many, never forced), the unused ones, and sizes on request. Engine refusals pass through with
 * the engine's reason.
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
    const alreadyExisted = input.name ? await this.exists(input.name) : false;
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

  /** Removes each named volume in turn (not forced) and reports what became of each. */
  async removeMany(names: readonly string[]): Promise<VolumeRemoval[]> {
    const results: VolumeRemoval[] = [];
    for (const name of new Set(names)) {
      try {
        await this.remove(name);
        results.push({ name, removed: true });
      } catch (err) {
        if (this.connection.status.state !== 'connected') throw err;
        results.push({ name, removed: false, ...engineFailure(err) });
      }
    }
    return results;
  }

  /** The volumes no container mounts, from the same data as the list's "used by". */
  async prunePreview(): Promise<VolumeSummary[]> {
    return unusedVolumes(await this.list());
  }

  /** `GET /system/df`: can take long on a big host, so only when the user asks. */
  async sizes(): Promise<VolumeSizes> {
    const df: unknown = await this.connection.use((docker) => docker.df());
    return { measuredAt: Date.now(), sizes: volumeSizesFromDf(df) };
  }

  async inspect(name: string): Promise<unknown> {
    return this.connection.use((docker) => docker.getVolume(name).inspect());
  }

  private async exists(name: string): Promise<boolean> {
    try {
      await this.connection.use((docker) => docker.getVolume(name).inspect());
      return true;
    } catch (err) {
      if ((err as EngineHttpError).statusCode === 404) return false;
      throw err;
    }
  }
}
