import { liveKeyOf } from '../../../shared/live-contract.js';
import type { NetworkSummary } from '../../../shared/network-types.js';
import type { BerthClient } from '../../api/client.js';
import type { ConnectionStore } from '../connection/connection-store.js';
import { createWatchedListStore, type LiveListStore } from '../live-list/watched-list-store.js';

export type NetworksStore = LiveListStore<NetworkSummary>;

export interface NetworksStoreDeps {
  client: BerthClient;
  connection: ConnectionStore;
}

/** The built-in networks (host, none, bridge) first, then by name. */
export function compareNetworks(a: NetworkSummary, b: NetworkSummary): number {
  return Number(b.builtIn) - Number(a.builtIn) || a.name.localeCompare(b.name);
}

/**
 * `docker network ls` with each network's containers and their addresses, followed through the
 * server's `networks.watch`: the server sends a network again when a container joins or leaves it.
 */
export function createNetworksStore({ client, connection }: NetworksStoreDeps): NetworksStore {
  return createWatchedListStore<NetworkSummary, NetworkSummary>({
    watch: (handlers) => client.subscribe('networks.watch', {}, handlers),
    connection,
    keyOf: liveKeyOf,
    rowsOf: (n) => [n],
    compare: compareNetworks,
  });
}
