import type { AppStores } from '../../app/create-app-stores.js';
import { featureStore } from '../../app/feature-stores.js';
import { useStores } from '../../app/stores-context.js';
import { hashOf, type UiStore, type ViewName } from '../layout/ui-store.js';
import { stacksStoreKey } from '../stacks/stacks-feature.js';
import { createJobsStore, type JobsStore } from './jobs-store.js';
import { notifyJobEnded, userIsAway } from './notifications.js';

/** Shows a job's view, moving the location hash too (the view follows it). */
export function openView(ui: UiStore, view: ViewName): void {
  ui.getState().setView(view);
  if (typeof location !== 'undefined' && location.hash !== hashOf(view)) location.hash = hashOf(view);
}

/** Pulls, pushes, builds and Compose runs of the app's stores, for the header's tray and the notifications. */
export const jobsStoreKey = featureStore(
  'jobs',
  (app: AppStores) =>
    createJobsStore({
      transfers: app.imageTools.transfers,
      build: app.imageTools.build,
      stacks: app.features.get(stacksStoreKey),
      isAway: (job) => userIsAway(app.ui.getState().view, job),
      notify: (job) => notifyJobEnded(job, (j) => openView(app.ui, j.view)),
    }),
  (store: JobsStore) => store.dispose(),
);

export function useJobsStore(): JobsStore {
  return useStores().features.get(jobsStoreKey);
}
