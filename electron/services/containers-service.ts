import type { ContainerSummary } from '../../shared/engine-types.js';
import type { EngineConnection } from './engine-connection.js';
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
    await this.connection.use((docker) => docker.getContainer(id).remove({ force: options.force ?? false, v: options.removeVolumes ?? false }));
  }
}
