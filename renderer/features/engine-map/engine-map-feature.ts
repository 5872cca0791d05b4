import type { AppStores } from '../../app/create-app-stores.js';
import { featureStore } from '../../app/feature-stores.js';
import { createEngineMapStore, type EngineMapStore } from './engine-map-store.js';

/** The map's store, built on the view's first visit; it follows the engine only while the view is shown. */
export const engineMapStore = featureStore<EngineMapStore, AppStores>(
  'engine map',
  (app) => createEngineMapStore({ client: app.client, events: app.events }),
  (store) => store.getState().stop(),
);
