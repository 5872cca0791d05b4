import { featureStore } from '../../app/feature-stores.js';
import type { AppStores } from '../../app/create-app-stores.js';
import { useStores } from '../../app/stores-context.js';
import { createStacksStore, type StacksStore } from './stacks-store.js';

/** The Stacks view's store, built the first time the view is shown; its runs go on while another view is. */
export const stacksStoreKey = featureStore(
  'stacks',
  (app: AppStores) => createStacksStore({ client: app.client, run: app.run, activity: app.activity }),
  (store: StacksStore) => store.getState().dispose(),
);

export function useStacksStore(): StacksStore {
  return useStores().features.get(stacksStoreKey);
}

/** "New stack from this…": hands a Compose text to the Stacks view, which asks where to write it. */
export function useNewStackFromText(): (text: string, project: string) => void {
  const stores = useStores();
  return (text, project) => {
    stores.features.get(stacksStoreKey).getState().setDraft({ text, project });
    stores.ui.getState().setView('stacks');
  };
}
