import { BerthError } from '../../../shared/errors.js';
import type { NetworkCreateInput, NetworkPrunePreview, NetworkRemoval, NetworkSummary } from '../../../shared/network-types.js';
import { toRpcError } from '../../rpc/to-rpc-error.js';
import type { EngineConnection } from '../engine-connection.js';
import { pruneRefusal, selectPrunable, toNetworkSummaries, type RawContainer, type RawNetwork } from './network-summaries.js';

/** The engine's words without the 64-digit IDs it repeats after names ("network lab id 9f15…64 has active endpoints"). */
export function withoutLongIds(message: string): string {
  return message.replace(/ id [0-9a-f]{64}\b/g, '');
}

/**
 * The engine answers 403 Forbidden when a network is in use or a subnet overlaps another: a refusal
 * because of the objects' state, which Berth calls CONFLICT everywhere else. The reason is kept.
 */
async function refusalsAsConflict<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (err) {
    const status = typeof err === 'object' && err !== null ? (err as { statusCode?: unknown }).statusCode : undefined;
    if (status === 403) throw new BerthError({ code: 'CONFLICT', message: withoutLongIds(toRpcError(err).message) });
    throw err;
  }
}

/**
 * `docker network` for one engine connection. Engine refusals (409 in use, 404 no such network,
 * overlapping pools) pass through with the engine's own reason.
 */
export class NetworksService {
  constructor(private readonly connection: EngineConnection) {}

  /** One network list and one container list; never one inspect per network. */
  async list(): Promise<NetworkSummary[]> {
    const [networks, containers] = await this.connection.use((docker) =>
      Promise.all([docker.listNetworks(), docker.listContainers({ all: true })]),
    );
    return toNetworkSummaries(networks as RawNetwork[], containers as RawContainer[]);
  }

  /** The engine's whole inspect document. */
  async inspect(network: string): Promise<unknown> {
    return this.connection.use((docker) => docker.getNetwork(network).inspect());
  }

  async create(input: NetworkCreateInput): Promise<{ id: string }> {
    const config = input.subnet ? [{ Subnet: input.subnet, ...(input.gateway ? { Gateway: input.gateway } : {}) }] : [];
    const created = await refusalsAsConflict(this.connection.use((docker) =>
      docker.createNetwork({
        Name: input.name,
        CheckDuplicate: true,
        Driver: input.driver ?? 'bridge',
        Internal: input.internal ?? false,
        Attachable: input.attachable ?? false,
        Labels: input.labels ?? {},
        ...(config.length > 0 ? { IPAM: { Driver: 'default', Config: config } } : {}),
      }),
    ));
    return { id: created.id };
  }

  async remove(network: string): Promise<void> {
    await refusalsAsConflict(this.connection.use((docker) => docker.getNetwork(network).remove()));
  }

  /** Removes each network in turn; one refusal does not stop the others. */
  async removeMany(networks: readonly string[]): Promise<NetworkRemoval[]> {
    const results: NetworkRemoval[] = [];
    for (const name of networks) {
      try {
        await this.remove(name);
        results.push({ name, removed: true });
      } catch (err) {
        results.push({ name, removed: false, reason: toRpcError(err).message });
      }
    }
    return results;
  }

  async prunePreview(): Promise<NetworkPrunePreview> {
    return selectPrunable(await this.list());
  }

  /** Removes the previewed networks that are still unused; says for each what happened. */
  async prune(names: readonly string[]): Promise<NetworkRemoval[]> {
    const now = await this.list();
    const results: NetworkRemoval[] = [];
    for (const name of names) {
      const network = now.find((n) => n.name === name);
      const refusal = pruneRefusal(network);
      if (refusal) results.push({ name, removed: false, reason: refusal });
      else results.push(...(await this.removeMany([name])));
    }
    return results;
  }

  async connect(network: string, container: string, ipv4Address?: string): Promise<void> {
    const endpoint = ipv4Address ? { EndpointConfig: { IPAMConfig: { IPv4Address: ipv4Address } } } : {};
    await refusalsAsConflict(this.connection.use((docker) => docker.getNetwork(network).connect({ Container: container, ...endpoint })));
  }

  async disconnect(network: string, container: string): Promise<void> {
    await refusalsAsConflict(this.connection.use((docker) => docker.getNetwork(network).disconnect({ Container: container, Force: false })));
  }
}
