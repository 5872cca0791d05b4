import { containerStateSchema, type ContainerState } from '../../../shared/engine-types.js';
import {
  isBuiltInNetworkName,
  type IpamConfig,
  type NetworkContainer,
  type NetworkPrunePreview,
  type NetworkSummary,
} from '../../../shared/network-types.js';
import type { RawContainer, RawNetwork } from './network-engine-json.js';

export type { RawContainer, RawNetwork };

function stateOf(raw: string | undefined): ContainerState {
  const parsed = containerStateSchema.safeParse(raw);
  return parsed.success ? parsed.data : 'created';
}

function unixSeconds(iso: string | undefined): number | null {
  if (!iso) return null;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) || ms <= 0 ? null : Math.floor(ms / 1000);
}

/** host and none always; bridge only when it is the engine's default bridge, not a network someone named so. */
export function isBuiltIn(n: Pick<RawNetwork, 'Name' | 'Driver' | 'Options'>): boolean {
  if (!isBuiltInNetworkName(n.Name)) return false;
  if (n.Name === 'host') return n.Driver === 'host';
  if (n.Name === 'none') return n.Driver === 'null';
  return n.Driver === 'bridge' && n.Options?.['com.docker.network.bridge.default_bridge'] === 'true';
}

/**
 * Which containers are on which network, from the container list alone: each container names its
 * networks with their ID and its address on each. A container that has never started may carry
 * no network ID yet; it is matched by the network's name then.
 */
export function attachmentsByNetwork(
  networks: readonly RawNetwork[],
  containers: readonly RawContainer[],
): Map<string, NetworkContainer[]> {
  const byId = new Map<string, NetworkContainer[]>(networks.map((n) => [n.Id, []]));
  const idByName = new Map(networks.map((n) => [n.Name, n.Id]));
  for (const c of containers) {
    const name = (c.Names?.[0] ?? c.Id.slice(0, 12)).replace(/^\//, '');
    for (const [networkName, endpoint] of Object.entries(c.NetworkSettings?.Networks ?? {})) {
      const id = endpoint?.NetworkID && byId.has(endpoint.NetworkID) ? endpoint.NetworkID : idByName.get(networkName);
      if (id === undefined) continue;
      byId.get(id)!.push({ id: c.Id, name, state: stateOf(c.State), ipv4: endpoint?.IPAddress ? endpoint.IPAddress : null });
    }
  }
  for (const list of byId.values()) list.sort((a, b) => a.name.localeCompare(b.name));
  return byId;
}

function ipamOf(n: RawNetwork): IpamConfig[] {
  return (n.IPAM?.Config ?? []).map((c) => ({
    ...(c.Subnet ? { subnet: c.Subnet } : {}),
    ...(c.Gateway ? { gateway: c.Gateway } : {}),
    ...(c.IPRange ? { ipRange: c.IPRange } : {}),
  }));
}

/** `docker network ls` rows with IPAM and attached containers; built-ins first, then by name. */
export function toNetworkSummaries(networks: readonly RawNetwork[], containers: readonly RawContainer[]): NetworkSummary[] {
  const attached = attachmentsByNetwork(networks, containers);
  return networks
    .map((n) => ({
      id: n.Id,
      name: n.Name,
      driver: n.Driver ?? '',
      scope: n.Scope ?? 'local',
      created: unixSeconds(n.Created),
      internal: n.Internal ?? false,
      attachable: n.Attachable ?? false,
      ingress: n.Ingress ?? false,
      ipv6: n.EnableIPv6 ?? false,
      builtIn: isBuiltIn(n),
      ipam: ipamOf(n),
      options: n.Options ?? {},
      labels: n.Labels ?? {},
      containers: attached.get(n.Id) ?? [],
    }))
    .sort((a, b) => Number(b.builtIn) - Number(a.builtIn) || a.name.localeCompare(b.name));
}

/**
 * Whether prune may consider a network at all: one the user made on this engine. Built-ins, swarm
 * networks (scope swarm or global, managed by the swarm) and the swarm's ingress network never go.
 */
function prunableKind(n: NetworkSummary): boolean {
  return !n.builtIn && !n.ingress && n.scope === 'local';
}

/** What prune removes: exactly the user-defined local networks with no container attached, running or not. */
export function selectPrunable(networks: readonly NetworkSummary[]): NetworkPrunePreview {
  const candidates = networks.filter(prunableKind);
  const unused = candidates.filter((n) => n.containers.length === 0);
  return {
    networks: unused.map((n) => ({ id: n.id, name: n.name, driver: n.driver, created: n.created })),
    keptInUse: candidates.length - unused.length,
  };
}

/** Why a previewed network must not be pruned now, or undefined when it may go. */
export function pruneRefusal(network: NetworkSummary | undefined): string | undefined {
  if (!network) return 'it no longer exists';
  if (network.builtIn) return 'it is a built-in network';
  if (!prunableKind(network))
    return network.ingress ? 'it is the swarm’s ingress network' : `it is a ${network.scope}-scoped network, not a local one`;
  if (network.containers.length > 0) {
    return `${network.containers.map((c) => c.name).join(', ')} ${network.containers.length === 1 ? 'was' : 'were'} attached since the preview`;
  }
  return undefined;
}
