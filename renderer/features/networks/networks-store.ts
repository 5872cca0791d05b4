import type { NetworkSummary } from '../../../shared/network-types.js';
import type { BerthClient } from '../../api/client.js';
import type { ConnectionStore } from '../connection/connection-store.js';
import type { EngineEventHub } from '../engine-events/engine-event-hub.js';
import { containerEventChangesUse } from '../live-list/container-use-events.js';
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
 * (create, destroy, connect, disconnect) and by the container events that change what a row shows
 * (a start gives an address, a removal takes one away). Execs and health checks do not reload it.
 */
export function createNetworksStore({ client, connection, events, debounceMs }: NetworksStoreDeps): NetworksStore {
  return createLiveListStore<NetworkSummary>({
    load: () => client.call('networks.list', {}),
    connection,
    events,
    eventTypes: ['network', 'container'],
    changesList: (event) => event.type !== 'container' || containerEventChangesUse(event.action),
    debounceMs,
  });
}
