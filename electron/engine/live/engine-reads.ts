import type { ImageSummary } from '../../../shared/engine-types.js';
import type { EngineConnection } from '../engine-connection.js';
import { toRpcError } from '../to-rpc-error.js';
import {
  parseContainerList,
  parseImageInspect,
  parseImageList,
  parseNetworks,
  parseVolumes,
  type HeldContainer,
  type NetworkBase,
  type VolumeBase,
} from './engine-replies.js';

/** Everything the engine holds, listed once (on (re)connection). */
export interface FullLists {
  containers: HeldContainer[];
  images: ImageSummary[];
  volumes: VolumeBase[];
  networks: NetworkBase[];
}

/** How many container IDs one filtered list asks for (the filter travels in the URL). */
export const maxIdsPerRead = 100;

/**
 * The engine requests the live model makes, each checked once on arrival: the full lists, and
 * the reads of single objects an event names. A single-object read answers undefined when the
 * engine has no such object (it was removed meanwhile).
 */
export class EngineReads {
  constructor(private readonly connection: EngineConnection) {}

  async lists(): Promise<FullLists> {
    const [containers, images, volumes, networks] = await this.connection.use((docker) =>
      Promise.all([docker.listContainers({ all: true }), docker.listImages({ all: false }), docker.listVolumes(), docker.listNetworks()]),
    );
    return {
      containers: parseContainerList(containers),
      images: parseImageList(images),
      volumes: parseVolumes(volumes.Volumes ?? []),
      networks: parseNetworks(networks),
    };
  }

  async imageList(): Promise<ImageSummary[]> {
    return parseImageList(await this.connection.use((docker) => docker.listImages({ all: false })));
  }

  async volumeList(): Promise<VolumeBase[]> {
    return parseVolumes((await this.connection.use((docker) => docker.listVolumes())).Volumes ?? []);
  }

  async networkList(): Promise<NetworkBase[]> {
    return parseNetworks(await this.connection.use((docker) => docker.listNetworks()));
  }

  /** The containers with these IDs, in one `GET /containers/json?all=1&filters={"id":[…]}`; those missing are gone. */
  async containers(ids: readonly string[]): Promise<HeldContainer[]> {
    const reply = await this.connection.use((docker) => docker.listContainers({ all: true, filters: { id: [...ids] } }));
    // The engine matches the filter as a pattern, so keep exactly the IDs asked for.
    const asked = new Set(ids);
    return parseContainerList(reply).filter((c) => asked.has(c.summary.id));
  }

  async image(ref: string): Promise<ImageSummary | undefined> {
    return ifThere(async () => parseImageInspect(await this.connection.use((docker) => docker.getImage(ref).inspect())));
  }

  async volume(name: string): Promise<VolumeBase | undefined> {
    return ifThere(async () => parseVolumes([await this.connection.use((docker) => docker.getVolume(name).inspect())])[0]);
  }

  async network(id: string): Promise<NetworkBase | undefined> {
    return ifThere(async () => parseNetworks([await this.connection.use((docker) => docker.getNetwork(id).inspect())])[0]);
  }
}

async function ifThere<T>(read: () => Promise<T>): Promise<T | undefined> {
  try {
    return await read();
  } catch (err) {
    if (toRpcError(err).code === 'NOT_FOUND') return undefined;
    throw err;
  }
}
