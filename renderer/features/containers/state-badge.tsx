import type { ContainerSummary } from '../../../shared/engine-types.js';
import { useStore } from 'zustand';
import { useStores } from '../../app/stores-context.js';
import { stateLabel } from './container-filter.js';
import type { LifecycleAction } from './container-actions-store.js';

const pendingWords: Record<LifecycleAction, string> = {
  start: 'starting…',
  stop: 'stopping…',
  restart: 'restarting…',
  remove: 'removing…',
  pause: 'pausing…',
  unpause: 'unpausing…',
  kill: 'killing…',
  rename: 'renaming…',
  commit: 'committing…',
};

/** The container's state as a coloured pill; a failed exit is red, a clean one grey; an action in flight says so. */
export function StateBadge({ container, pending }: { container: Pick<ContainerSummary, 'state' | 'exitCode'>; pending?: LifecycleAction }) {
  const failed = container.state === 'exited' && container.exitCode !== null && container.exitCode !== 0;
  return (
    <span className={`badge badge--${container.state}${failed ? ' badge--failed' : ''}${pending ? ' badge--pending' : ''}`}>
      <span className="badge-dot" aria-hidden="true" />
      {pending ? pendingWords[pending] : stateLabel(container)}
    </span>
  );
}

/** The state cell: follows the actions store so a slow `docker stop` shows it is under way. */
export function StateCell({ container }: { container: ContainerSummary }) {
  const pending = useStore(useStores().containerActions, (s) => s.pending[container.id]);
  return <StateBadge container={container} pending={pending} />;
}
