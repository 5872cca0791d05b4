import type { BerthClient } from '../../api/client.js';
import type { ConnectionStore } from '../connection/connection-store.js';
import type { EngineEventHub } from '../engine-events/engine-event-hub.js';
import { createLiveListStore, type LiveListStore } from '../live-list/live-list-store.js';
import { toVolumeRow, type VolumeRow } from './volume-rows.js';

export type VolumesStore = LiveListStore<VolumeRow>;

export interface VolumesStoreDeps {
  client: BerthClient;
  connection: ConnectionStore;
  events: EngineEventHub;
  debounceMs?: number;
}

/** Container actions that cannot change which containers mount a volume, or their state. */
const irrelevantContainerActions = new Set(['attach', 'detach', 'resize', 'top', 'commit', 'copy', 'archive-path', 'extract-to-dir', 'export']);

/**
 * Whether a container event may change "used by": a container made, renamed, started, stopped,
 * paused or removed. Execs (Berth's own file browser and terminals make many), health checks and
 * copies do not.
 */
export function containerEventChangesUse(action: string): boolean {
  if (action.startsWith('exec_') || action.startsWith('health_status')) return false;
  return !irrelevantContainerActions.has(action);
}

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
