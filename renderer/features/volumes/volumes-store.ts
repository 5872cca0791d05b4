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

// The predicate moved to live-list so the networks list uses the same one; re-exported for existing importers.
export { containerEventChangesUse };

/**
 * `docker volume ls` with who uses each volume. Volume events (create, destroy, mount, unmount)
 * change the list; container events that change "used by" reload it too.
 */
export function createVolumesStore({ client, connection, events, debounceMs }: VolumesStoreDeps): VolumesStore {
  const list = createLiveListStore<VolumeRow>({
    load: async () => (await client.call('volumes.list', {})).map(toVolumeRow),
    connection,
    events,
    eventTypes: ['volume'],
    debounceMs,
  });
  const startList = list.start;
  const stopList = list.stop;
  let stopContainerEvents: (() => void) | undefined;
  return Object.assign(list, {
    start() {
      startList();
      stopContainerEvents ??= events.on(['container'], (event) => {
        if (containerEventChangesUse(event.action)) list.requestRefresh();
      });
    },
    stop() {
      stopContainerEvents?.();
      stopContainerEvents = undefined;
      stopList();
    },
  });
}
