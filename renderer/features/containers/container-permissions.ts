import type { ContainerState } from '../../../shared/engine-types.js';

export type ContainerAction = 'start' | 'stop' | 'restart' | 'remove' | 'shell';

/** Which actions make sense for a container in this state; the UI offers only these. */
export function allowedActions(state: ContainerState): ReadonlySet<ContainerAction> {
  const allowed = new Set<ContainerAction>(['remove']);
  if (state === 'created' || state === 'exited') allowed.add('start');
  if (state === 'running' || state === 'paused' || state === 'restarting') {
    allowed.add('stop');
    allowed.add('restart');
  }
  if (state === 'running') allowed.add('shell');
  return allowed;
}
