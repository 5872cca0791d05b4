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
