import { liveKeyOf } from '../../../shared/live-contract.js';
import type { VolumeSummary } from '../../../shared/volume-types.js';
import type { BerthClient } from '../../api/client.js';
import type { ConnectionStore } from '../connection/connection-store.js';
import { createWatchedListStore, type LiveListStore } from '../live-list/watched-list-store.js';
import { toVolumeRow, type VolumeRow } from './volume-rows.js';

export type VolumesStore = LiveListStore<VolumeRow>;

export interface VolumesStoreDeps {
  client: BerthClient;
  connection: ConnectionStore;
}

/**
 * `docker volume ls` with who uses each volume, by name, followed through the server's
 * `volumes.watch`: the server works out "used by" from its container model and sends a volume
 * again only when that changed.
 */
export function createVolumesStore({ client, connection }: VolumesStoreDeps): VolumesStore {
  return createWatchedListStore<VolumeSummary, VolumeRow>({
    watch: (handlers) => client.subscribe('volumes.watch', {}, handlers),
    connection,
    keyOf: liveKeyOf,
    rowsOf: (v) => [toVolumeRow(v)],
    compare: (a, b) => a.name.localeCompare(b.name),
  });
}
