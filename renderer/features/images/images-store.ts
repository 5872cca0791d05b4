import type { BerthClient } from '../../api/client.js';
import type { ConnectionStore } from '../connection/connection-store.js';
import type { EngineEventHub } from '../engine-events/engine-event-hub.js';
import { createLiveListStore, type LiveListStore } from '../live-list/live-list-store.js';
import { imageRows, type ImageRow } from './image-rows.js';

export type ImagesStore = LiveListStore<ImageRow>;

export interface ImagesStoreDeps {
  client: BerthClient;
  connection: ConnectionStore;
  events: EngineEventHub;
  debounceMs?: number;
}

/** `docker images`, one row per repo:tag, kept true by the engine's image events. */
export function createImagesStore({ client, connection, events, debounceMs }: ImagesStoreDeps): ImagesStore {
  return createLiveListStore<ImageRow>({
    load: async () => imageRows(await client.call('images.list', {})),
    connection,
    events,
    eventTypes: ['image'],
    debounceMs,
  });
}
