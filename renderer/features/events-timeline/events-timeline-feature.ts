import type { AppStores } from '../../app/create-app-stores.js';
import { featureStore } from '../../app/feature-stores.js';
import { createEventsTimelineStore, type EventsTimelineStore } from './events-timeline-store.js';

/** The timeline records from the first visit of the Events view until the app's stores go. */
export const eventsTimelineStore = featureStore<EventsTimelineStore, AppStores>(
  'events timeline',
  (app) => createEventsTimelineStore(app.events),
  (store) => store.dispose(),
);
