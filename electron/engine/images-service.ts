import type { ImageSummary } from '../../shared/engine-types.js';
import type { EngineConnection } from './engine-connection.js';
import { toImageSummary } from './containers/container-mapping.js';

export class ImagesService {
  constructor(private readonly connection: EngineConnection) {}

  /** Top-level images, dangling ones included, as `docker images` lists them. */
  async list(): Promise<ImageSummary[]> {
    const infos = await this.connection.use((docker) => docker.listImages({ all: false }));
    return infos.map(toImageSummary);
  }
}
