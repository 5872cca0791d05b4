import type { ImageSummary } from '../../../shared/engine-types.js';
import { liveKeyOf } from '../../../shared/live-contract.js';
import type { BerthClient } from '../../api/client.js';
import type { ConnectionStore } from '../connection/connection-store.js';
import { createWatchedListStore, type LiveListStore } from '../live-list/watched-list-store.js';
import { compareImageRows, rowsOfImage, type ImageRow } from './image-rows.js';

export type ImagesStore = LiveListStore<ImageRow>;

export interface ImagesStoreDeps {
  client: BerthClient;
  connection: ConnectionStore;
}

/** `docker images`, one row per repo:tag, followed through the server's `images.watch`. */
export function createImagesStore({ client, connection }: ImagesStoreDeps): ImagesStore {
  return createWatchedListStore<ImageSummary, ImageRow>({
    watch: (handlers) => client.subscribe('images.watch', {}, handlers),
    connection,
    keyOf: liveKeyOf,
    rowsOf: rowsOfImage,
    compare: compareImageRows,
  });
}
