import type { ContainerSummary } from '../../../shared/engine-types.js';
import { useStore } from 'zustand';
import { useStores } from '../../app/stores-context.js';
import { stateLabel } from './container-filter.js';
import type { LifecycleAction } from './container-actions-store.js';
import { StateBadge } from '../../components/state-badge.js';

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

/** A container's state as the kit's pill; a failed exit is red, a clean one grey; an action in flight says so. */
export function ContainerStateBadge({
  container,
  pending,
}: {
  container: Pick<ContainerSummary, 'state' | 'exitCode'>;
  pending?: LifecycleAction | undefined;
}) {
  const failed = container.state === 'exited' && container.exitCode !== null && container.exitCode !== 0;
  return (
    <StateBadge
      state={container.state}
      label={pending ? pendingWords[pending] : stateLabel(container)}
      failed={failed}
      pending={pending !== undefined}
    />
  );
}

/** The state cell: follows the actions store so a slow `docker stop` shows it is under way. */
export function StateCell({ container }: { container: ContainerSummary }) {
  const pending = useStore(useStores().containerActions, (s) => s.pending[container.id]);
  return <ContainerStateBadge container={container} pending={pending} />;
}
