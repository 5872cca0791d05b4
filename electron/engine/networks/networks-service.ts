import { BerthError } from '../../../shared/errors.js';
import type { NetworkCreateInput, NetworkPrunePreview, NetworkRemoval, NetworkSummary } from '../../../shared/network-types.js';
import { toRpcError } from '../to-rpc-error.js';
import type { EngineConnection } from '../engine-connection.js';
import { parseEngineContainers, parseEngineNetworks, type RawNetwork } from './network-engine-json.js';
import { pruneRefusal, selectPrunable, toNetworkSummaries } from './network-summaries.js';

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
    return toNetworkSummaries(parseEngineNetworks(networks), parseEngineContainers(containers));
  }

  /** The engine's networks alone (no containers), checked. */
  private async rawNetworks(): Promise<RawNetwork[]> {
    return parseEngineNetworks(await this.connection.use((docker) => docker.listNetworks()));
  }

  /** The engine's whole inspect document. */
  async inspect(network: string): Promise<unknown> {
    return this.connection.use((docker) => docker.getNetwork(network).inspect());
  }

  async create(input: NetworkCreateInput): Promise<{ id: string }> {
    const config = input.subnet ? [{ Subnet: input.subnet, ...(input.gateway ? { Gateway: input.gateway } : {}) }] : [];
    const created = await refusalsAsConflict(
      this.connection.use((docker) =>
        docker.createNetwork({
          Name: input.name,
          CheckDuplicate: true,
          Driver: input.driver ?? 'bridge',
          Internal: input.internal ?? false,
          Attachable: input.attachable ?? false,
          Labels: input.labels ?? {},
          ...(config.length > 0 ? { IPAM: { Driver: 'default', Config: config } } : {}),
        }),
      ),
    );
    return { id: created.id };
  }

  async remove(network: string): Promise<void> {
    await refusalsAsConflict(this.connection.use((docker) => docker.getNetwork(network).remove()));
  }

  /**
   * Removes each network in turn (IDs, or names when unique); one refusal does not stop the others.
   * Each outcome carries the network's ID and name as they were before the removal.
   */
  async removeMany(refs: readonly string[]): Promise<NetworkRemoval[]> {
    const known = await this.rawNetworks();
    const results: NetworkRemoval[] = [];
    for (const ref of new Set(refs)) {
      const byId = known.find((n) => n.Id === ref);
      const byName = known.filter((n) => n.Name === ref);
      const network = byId ?? (byName.length === 1 ? byName[0] : undefined);
      results.push(await this.removeOne(network?.Id ?? ref, network?.Name ?? ref));
    }
    return results;
  }

  async prunePreview(): Promise<NetworkPrunePreview> {
    return selectPrunable(await this.list());
  }

  /**
   * Removes the previewed networks (by ID) that are still unused and still prunable; says for each
   * what happened. A name is not enough here: another network may have taken it since.
   */
  async prune(ids: readonly string[]): Promise<NetworkRemoval[]> {
    const now = await this.list();
    const results: NetworkRemoval[] = [];
    for (const id of new Set(ids)) {
      const network = now.find((n) => n.id === id);
      const refusal = pruneRefusal(network);
      if (refusal || !network) results.push({ id, name: network?.name ?? id, removed: false, reason: refusal ?? 'it no longer exists' });
      else results.push(await this.removeOne(network.id, network.name));
    }
    return results;
  }

  private async removeOne(id: string, name: string): Promise<NetworkRemoval> {
    try {
      await this.remove(id);
      return { id, name, removed: true };
    } catch (err) {
      return { id, name, removed: false, reason: toRpcError(err).message };
    }
  }

  async connect(network: string, container: string, ipv4Address?: string): Promise<void> {
    const endpoint = ipv4Address ? { EndpointConfig: { IPAMConfig: { IPv4Address: ipv4Address } } } : {};
    await refusalsAsConflict(this.connection.use((docker) => docker.getNetwork(network).connect({ Container: container, ...endpoint })));
  }

  async disconnect(network: string, container: string): Promise<void> {
    await refusalsAsConflict(
      this.connection.use((docker) => docker.getNetwork(network).disconnect({ Container: container, Force: false })),
    );
  }
}
