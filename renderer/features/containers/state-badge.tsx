import type { ContainerSummary } from '../../../shared/engine-types.js';
import { stateLabel } from './container-filter.js';

/** The container's state as a coloured pill; a failed exit is red, a clean one grey. */
export function StateBadge({ container }: { container: Pick<ContainerSummary, 'state' | 'exitCode'> }) {
  const failed = container.state === 'exited' && container.exitCode !== null && container.exitCode !== 0;
  return (
    <span className={`badge badge--${container.state}${failed ? ' badge--failed' : ''}`}>
      <span className="badge-dot" aria-hidden="true" />
      {stateLabel(container)}
    </span>
  );
}
