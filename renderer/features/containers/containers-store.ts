import type { ContainerSummary } from '../../../shared/engine-types.js';
import type { BerthClient } from '../../api/client.js';
import type { ConnectionStore } from '../connection/connection-store.js';
import type { EngineEventHub } from '../engine-events/engine-event-hub.js';
import { createLiveListStore, type LiveListStore } from '../live-list/live-list-store.js';

export type ContainersStore = LiveListStore<ContainerSummary>;

export interface ContainersStoreDeps {
  client: BerthClient;
  connection: ConnectionStore;
  events: EngineEventHub;
  debounceMs?: number;
}

/** Newest first, like `docker ps`. */
export function sortContainers(items: readonly ContainerSummary[]): ContainerSummary[] {
  return [...items].sort((a, b) => b.created - a.created || a.name.localeCompare(b.name));
}

/** `docker ps --all`, kept true by the engine's container events. */
export function createContainersStore({ client, connection, events, debounceMs }: ContainersStoreDeps): ContainersStore {
  return createLiveListStore<ContainerSummary>({
    load: async () => sortContainers(await client.call('containers.list', {})),
    connection,
    events,
    eventTypes: ['container'],
    debounceMs,
  });
}
