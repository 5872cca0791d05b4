import type { BerthClient } from '../../api/client.js';
import type { ConnectionStore } from '../connection/connection-store.js';
import type { EngineEventHub } from '../engine-events/engine-event-hub.js';
import { containerEventChangesUse } from '../live-list/container-use-events.js';
import { createLiveListStore, type LiveListStore } from '../live-list/live-list-store.js';
import { toVolumeRow, type VolumeRow } from './volume-rows.js';

export type VolumesStore = LiveListStore<VolumeRow>;

export interface VolumesStoreDeps {
  client: BerthClient;
  connection: ConnectionStore;
  events: EngineEventHub;
  debounceMs?: number;
}

/**
 * `docker volume ls` with who uses each volume. Volume events (create, destroy, mount, unmount)
 * change the list; container events that change "used by" reload it too.
 */
export function createVolumesStore({ client, connection, events, debounceMs }: VolumesStoreDeps): VolumesStore {
  return createLiveListStore<VolumeRow>({
    load: async () => (await client.call('volumes.list', {})).map(toVolumeRow),
    connection,
    events,
    eventTypes: ['volume', 'container'],
    changesList: (event) => event.type !== 'container' || containerEventChangesUse(event.action),
    debounceMs,
  });
}
