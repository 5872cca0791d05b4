import type { EngineEvent } from '../../../shared/engine-types.js';

/** An event as the timeline holds it: numbered in arrival order, so rows have stable keys. */
export interface TimelineEvent extends EngineEvent {
  seq: number;
}

/** The last `cap` events, oldest first, and how many older ones were let go. */
export interface EventRing {
  events: readonly TimelineEvent[];
  dropped: number;
}

/** Adds a batch in arrival order and keeps the last `cap`, counting what fell off. */
export function appendEvents(ring: EventRing, batch: readonly TimelineEvent[], cap: number): EventRing {
  if (batch.length === 0) return ring;
  const all = [...ring.events, ...batch];
  const over = Math.max(0, all.length - cap);
  return { events: over > 0 ? all.slice(over) : all, dropped: ring.dropped + over };
}

/** The objects a `destroy`/`delete` event took away: their links lead nowhere now. */
export function goneKey(event: Pick<EngineEvent, 'type' | 'id'>): string {
  return `${event.type}:${event.id}`;
}

export function removesObject(event: Pick<EngineEvent, 'type' | 'action'>): boolean {
  return event.action === 'destroy' || (event.type === 'image' && event.action === 'delete');
}
