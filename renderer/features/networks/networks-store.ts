import type { NetworkSummary } from '../../../shared/network-types.js';
import type { BerthClient } from '../../api/client.js';
import type { ConnectionStore } from '../connection/connection-store.js';
import type { EngineEventHub } from '../engine-events/engine-event-hub.js';
import { createLiveListStore, type LiveListStore } from '../live-list/live-list-store.js';

export type NetworksStore = LiveListStore<NetworkSummary>;

export interface NetworksStoreDeps {
  client: BerthClient;
  connection: ConnectionStore;
  events: EngineEventHub;
  debounceMs?: number;
}

/**
 * `docker network ls` with each network's containers, kept true by the engine's network events
 * (create, destroy, connect, disconnect) and container events (a start gives an address, a removal
 * takes one away).
 */
export function createNetworksStore({ client, connection, events, debounceMs }: NetworksStoreDeps): NetworksStore {
  return createLiveListStore<NetworkSummary>({
    load: () => client.call('networks.list', {}),
    connection,
    events,
    eventTypes: ['network', 'container'],
    debounceMs,
  });
}
