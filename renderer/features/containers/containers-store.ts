import type { ContainerSummary } from '../../../shared/engine-types.js';
import { liveKeyOf } from '../../../shared/live-contract.js';
import type { BerthClient } from '../../api/client.js';
import type { ConnectionStore } from '../connection/connection-store.js';
import { createWatchedListStore, type LiveListStore } from '../live-list/watched-list-store.js';

export type ContainersStore = LiveListStore<ContainerSummary>;

export interface ContainersStoreDeps {
  client: BerthClient;
  connection: ConnectionStore;
}

/** Newest first, like `docker ps`. */
export function compareContainers(a: ContainerSummary, b: ContainerSummary): number {
  return b.created - a.created || a.name.localeCompare(b.name);
}

/** `docker ps --all`, followed through the server's `containers.watch` (a snapshot, then patches). */
export function createContainersStore({ client, connection }: ContainersStoreDeps): ContainersStore {
  return createWatchedListStore<ContainerSummary, ContainerSummary>({
    watch: (handlers) => client.subscribe('containers.watch', {}, handlers),
    connection,
    keyOf: liveKeyOf,
    rowsOf: (c) => [c],
    compare: compareContainers,
  });
}
