import type { EngineEvent } from '../../../shared/engine-types.js';
import type { CommandWords } from '../../../shared/shell-command.js';

/** The object a timeline is narrowed to: one container, image, volume or network. */
export interface EventObject {
  type: string;
  id: string;
  /** How it is shown (a name, else a short ID). */
  label: string;
}

/** Types and actions are each "any of" (empty: all); together and with the object, "all of", as `docker events --filter` combines them. */
export interface EventFilter {
  types: ReadonlySet<string>;
  actions: ReadonlySet<string>;
  object: EventObject | null;
}

export const noFilter: EventFilter = { types: new Set(), actions: new Set(), object: null };

/** The types a user can pick even before one of them happened. */
export const commonTypes = ['container', 'image', 'volume', 'network', 'daemon'] as const;

/** Object types `docker events` filters by name or ID (`--filter container=web`). */
const objectFilterKeys = new Set(['container', 'image', 'volume', 'network', 'daemon', 'plugin', 'service', 'node', 'secret', 'config']);

/** `exec_start: sh -c …` → `exec_start`, `health_status: healthy` → `health_status`: what `--filter event=` takes. */
export function baseAction(action: string): string {
  const colon = action.indexOf(':');
  return colon < 0 ? action : action.slice(0, colon);
}

/** What comes after the colon of an exec or health action (the command, the health), trimmed. */
export function actionDetail(action: string): string {
  const colon = action.indexOf(':');
  return colon < 0 ? '' : action.slice(colon + 1).trim();
}

export function matchesFilter(event: EngineEvent, filter: EventFilter): boolean {
  if (filter.types.size > 0 && !filter.types.has(event.type)) return false;
  if (filter.actions.size > 0 && !filter.actions.has(baseAction(event.action))) return false;
  if (filter.object && (filter.object.type !== event.type || filter.object.id !== event.id)) return false;
  return true;
}

/** The `docker events` command that shows what the timeline shows under this filter. */
export function eventsCommand(filter: EventFilter): CommandWords {
  const words = ['docker', 'events'];
  for (const type of [...filter.types].sort()) words.push('--filter', `type=${type}`);
  for (const action of [...filter.actions].sort()) words.push('--filter', `event=${action}`);
  if (filter.object && objectFilterKeys.has(filter.object.type)) words.push('--filter', `${filter.object.type}=${filter.object.id}`);
  return words;
}
