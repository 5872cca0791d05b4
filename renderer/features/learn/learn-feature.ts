import { featureStore } from '../../app/feature-stores.js';
import type { AppStores } from '../../app/create-app-stores.js';
import { useStores } from '../../app/stores-context.js';
import { createLearnStore, type LearnStore } from './learn-store.js';

/** The Learn view's store, built the first time the view is shown and kept while another view is. */
export const learnStoreKey = featureStore(
  'learn',
  (app: AppStores) => createLearnStore({ client: app.client, run: app.run, events: app.events, storage: globalThis.localStorage }),
  (store: LearnStore) => store.getState().dispose(),
);

export function useLearnStore(): LearnStore {
  return useStores().features.get(learnStoreKey);
}
