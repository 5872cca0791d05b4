import type { FilesystemChange, ProcessList } from '../../../shared/container-detail-types.js';
import type { ContainerSummary } from '../../../shared/engine-types.js';
import type { EngineConnection } from '../engine-connection.js';
import { toContainerSummary } from './container-mapping.js';

/** Container lifecycle on one engine connection. Errors from the engine pass through untouched. */
export class ContainersService {
  constructor(private readonly connection: EngineConnection) {}

  /** Every container in every state. Never asks for sizes: `size=true` costs seconds per call. */
  async list(): Promise<ContainerSummary[]> {
    const infos = await this.connection.use((docker) => docker.listContainers({ all: true, size: false }));
    return infos.map(toContainerSummary);
  }

  async start(id: string): Promise<void> {
    await this.connection.use((docker) => docker.getContainer(id).start());
  }

  async stop(id: string, timeoutSeconds?: number): Promise<void> {
    await this.connection.use((docker) => docker.getContainer(id).stop(timeoutSeconds === undefined ? {} : { t: timeoutSeconds }));
  }

  async restart(id: string): Promise<void> {
    await this.connection.use((docker) => docker.getContainer(id).restart());
  }

  async remove(id: string, options: { force?: boolean; removeVolumes?: boolean }): Promise<void> {
    await this.connection.use((docker) =>
      docker.getContainer(id).remove({ force: options.force ?? false, v: options.removeVolumes ?? false }),
    );
  }

  async pause(id: string): Promise<void> {
    await this.connection.use((docker) => docker.getContainer(id).pause());
  }

  async unpause(id: string): Promise<void> {
    await this.connection.use((docker) => docker.getContainer(id).unpause());
  }

  async kill(id: string, signal?: string): Promise<void> {
    await this.connection.use((docker) => docker.getContainer(id).kill(signal ? { signal } : {}));
  }

  async rename(id: string, name: string): Promise<void> {
    await this.connection.use((docker) => docker.getContainer(id).rename({ name }));
  }

  /** The engine's whole inspect document. */
  async inspect(id: string): Promise<unknown> {
    return this.connection.use((docker) => docker.getContainer(id).inspect());
  }

  /** What the container changed in its writable layer, like `docker diff`. */
  async changes(id: string): Promise<FilesystemChange[]> {
    const raw = await this.connection.use((docker) => docker.getContainer(id).changes());
    const kinds = ['changed', 'added', 'deleted'] as const;
    // With no changes the engine answers `null`, which dockerode hands over as an empty buffer.
    const entries: unknown = raw;
    if (!Array.isArray(entries)) return [];
    return (entries as Array<{ Path: string; Kind: number }>).map((c) => ({ path: c.Path, kind: kinds[c.Kind] ?? 'changed' }));
  }

  async top(id: string): Promise<ProcessList> {
    const raw = (await this.connection.use((docker) => docker.getContainer(id).top())) as { Titles?: string[]; Processes?: string[][] };
    return { titles: raw.Titles ?? [], processes: raw.Processes ?? [] };
  }

  /** Saves the container's writable layer as a new image. */
  async commit(
    id: string,
    options: { repository: string; tag?: string; message?: string; author?: string; pause?: boolean },
  ): Promise<{ imageId: string }> {
    const result = (await this.connection.use((docker) =>
      docker.getContainer(id).commit({
        repo: options.repository,
        tag: options.tag ?? 'latest',
        comment: options.message,
        author: options.author,
        pause: options.pause ?? true,
      }),
    )) as { Id?: string };
    return { imageId: result.Id ?? '' };
  }
}
