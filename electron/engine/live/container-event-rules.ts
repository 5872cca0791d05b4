import type { EngineEvent } from '../../../shared/engine-types.js';
import type { HeldContainer } from './engine-replies.js';

/**
 * Container actions that change nothing `docker ps -a` shows, or nothing the read for another
 * event of the same change does not show already: `stop` comes with a `die` (the engine marks the
 * container exited before either), `restart` with a `start`.
 */
export const quietContainerActions: ReadonlySet<string> = new Set([
  'stop',
  'restart',
  'attach',
  'detach',
  'resize',
  'top',
  'copy',
  'archive-path',
  'extract-to-dir',
  'export',
  'commit',
  'kill',
  'oom',
  'exec_create',
  'exec_start',
  'exec_die',
  'exec_detach',
]);

/** An event's action without its details: exec and health actions carry them after a colon ("exec_start: sh"). */
export function baseAction(event: Pick<EngineEvent, 'action'>): string {
  return event.action.split(':')[0]!.trim();
}

/** What a re-read must show after a container event, for the actions whose outcome is known. */
export function expectedAfter(action: string, fullAction: string): ((held: HeldContainer | undefined) => boolean) | undefined {
  switch (action) {
    case 'health_status': {
      // "health_status: healthy" shows as "(healthy)" in the status, "starting" as "(health: starting)".
      const health = fullAction.slice(fullAction.indexOf(':') + 1).trim();
      const shown = health === 'starting' ? '(health: starting)' : `(${health})`;
      return (held) => held === undefined || held.summary.status.includes(shown);
    }
    case 'create':
      return (held) => held !== undefined;
    case 'start':
    case 'unpause':
      return (held) => held?.summary.state === 'running';
    case 'pause':
      return (held) => held?.summary.state === 'paused';
    case 'die':
      return (held) => held === undefined || (held.summary.state !== 'running' && held.summary.state !== 'paused');
    default:
      return undefined;
  }
}

/** Whether the container list shows `held` on the network an event names: by its ID, or by name before its first start (no ID yet). */
export function listedOnNetwork(held: HeldContainer, networkId: string | undefined, networkName: string | undefined): boolean {
  return held.endpoints.some((e) => (e.networkId !== '' && e.networkId === networkId) || (!e.networkId && e.networkName === networkName));
}

/**
 * Whether a network `connect` or `disconnect` of a container asks for a read of it. The list shows
 * a container's networks from its settings, so the connect a start makes and the disconnect a stop
 * makes leave it as it was (the start or die event reads the rest): only a change of membership
 * (`docker network connect/disconnect`) asks, or a container not held yet or with a read under way.
 */
export function membershipNeedsRead(held: HeldContainer | undefined, readUnderWay: boolean, joining: boolean, listed: boolean): boolean {
  return held === undefined || readUnderWay || listed !== joining;
}

/**
 * What the read after a network `connect`/`disconnect` must show: the membership changed, or (for
 * a disconnect) the container stopped, whose listed networks stay as they were.
 */
export function expectedAfterMembership(
  joining: boolean,
  networkId: string | undefined,
  networkName: string | undefined,
): (held: HeldContainer | undefined) => boolean {
  return (held) =>
    held === undefined ||
    listedOnNetwork(held, networkId, networkName) === joining ||
    (!joining && !['running', 'paused', 'restarting'].includes(held.summary.state));
}
