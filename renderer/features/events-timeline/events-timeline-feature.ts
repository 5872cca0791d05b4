import type { AppStores } from '../../app/create-app-stores.js';
import { featureStore } from '../../app/feature-stores.js';
import { createEventsTimelineStore, type EventsTimelineStore } from './events-timeline-store.js';

/** The timeline starts on the first visit of the Events view with the engine's last ten minutes, then records until the app's stores go. */
export const eventsTimelineStore = featureStore<EventsTimelineStore, AppStores>(
  'events timeline',
  (app) => createEventsTimelineStore(app.events, { recent: (seconds) => app.client.call('engine.recentEvents', { seconds }) }),
  (store) => store.dispose(),
);
