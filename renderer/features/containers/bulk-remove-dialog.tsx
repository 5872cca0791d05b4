import { useStore } from 'zustand';
import { formatCommand } from '../../../shared/shell-command.js';
import type { ContainerSummary } from '../../../shared/engine-types.js';
import { useStores } from '../../app/stores-context.js';
import { plural } from '../../lib/plural.js';
import { Dialog } from '../../components/dialog.js';
import { checksPending, containersToRemove, removedWithChanges, type ChangesCheck } from './bulk-remove.js';
import { ChangeList } from './change-list.js';
import { bulkForce, mustForce } from './container-actions-store.js';
import { useContainersView } from './containers-view-context.js';
import { SameAsCommand } from '../../components/same-as-command.js';

/** Asks once before removing every selected container: what each one's writable layer would lose, which need force. */
export function BulkRemoveDialog() {
  const { containerActions } = useStores();
  const request = useStore(containerActions, (s) => s.bulkRemove);
  if (!request) return null;
  return <BulkRemoveOpen />;
}

function BulkRemoveOpen() {
  const { containerActions } = useStores();
  const { selection } = useContainersView();
  const request = useStore(containerActions, (s) => s.bulkRemove);
  if (!request) return null;
  const actions = containerActions.getState();
  const removing = containersToRemove(request);
  const active = removing.filter(mustForce);
  const pending = checksPending(request);
  const losing = removedWithChanges(request);
  const force = bulkForce(request);
  return (
    <Dialog
      title={
        <>
          Remove{' '}
          {removing.length === request.containers.length
            ? plural(removing.length, 'container', 'containers')
            : `${removing.length} of ${request.containers.length} containers`}
          ?
        </>
      }
      className="cd-bulk-remove"
      danger
      submitLabel="Remove"
      submitDisabled={removing.length === 0 || pending > 0}
      submitTitle={pending > 0 ? 'Waiting for the changes check' : undefined}
      onCancel={() => actions.cancelRemoveMany()}
      onSubmit={() => void actions.confirmRemoveMany().then(() => selection.getState().clear())}
    >
      <p>
        Each one is deleted with its writable layer (files created or changed inside it). Named volumes and images stay. Untick a container
        to keep it.
      </p>
      {pending > 0 ? (
        <p className="faint" role="status">
          Checking writable layers for changes… {request.containers.length - pending} of {request.containers.length} done.
        </p>
      ) : losing.length > 0 ? (
        <div className="dialog-warning" role="status">
          <p>
            <strong>
              {losing.length === 1 ? `${losing[0]!.name} has` : `${losing.length} of them have`} changes in the writable layer: these
              changes will be lost.
            </strong>{' '}
            To keep them, untick the container, or remove it on its own to commit it first.
          </p>
        </div>
      ) : null}
      <ul className="cd-bulk-list" aria-label="Containers to remove">
        {request.containers.map((c) => (
          <BulkRemoveItem
            key={c.id}
            container={c}
            check={request.checks[c.id]}
            included={!request.kept.has(c.id)}
            onInclude={(on) => actions.setBulkRemoveIncluded(c.id, on)}
          />
        ))}
      </ul>
      {active.length > 0 ? (
        <div className="dialog-warning">
          <p>
            <strong>
              {active.length === 1 ? `${active[0]!.name} is ${active[0]!.state}.` : `${active.length} of them are still running or paused.`}
            </strong>{' '}
            The engine removes {active.length === 1 ? 'it' : 'them'} only when forced, which kills {active.length === 1 ? 'it' : 'them'}{' '}
            first (SIGKILL).
          </p>
          <label className="check">
            <input type="checkbox" checked={request.force} onChange={(e) => actions.setBulkRemoveForce(e.currentTarget.checked)} />
            Force: kill and remove {active.length === 1 ? 'it' : 'them'}
          </label>
        </div>
      ) : null}
      {removing.length > 0 ? (
        <SameAsCommand command={formatCommand(['docker', 'rm', ...(force ? ['--force'] : []), ...removing.map((c) => c.name)])} />
      ) : (
        <p className="faint">Every container is unticked: nothing will be removed.</p>
      )}
    </Dialog>
  );
}

const shownPerContainer = 50;

/** One container of the bulk remove: tick to remove, its state, and what its writable layer would lose. */
function BulkRemoveItem({
  container,
  check,
  included,
  onInclude,
}: {
  container: ContainerSummary;
  check: ChangesCheck | undefined;
  included: boolean;
  onInclude(on: boolean): void;
}) {
  return (
    <li className={`cd-bulk-item${included ? '' : ' cd-bulk-item--kept'}`} aria-label={container.name}>
      <label className="cd-bulk-item-head">
        <input
          type="checkbox"
          checked={included}
          aria-label={`Remove ${container.name}`}
          onChange={(e) => onInclude(e.currentTarget.checked)}
        />
        <span className="mono">{container.name}</span>
        <span className="faint">({container.state})</span>
        {mustForce(container) ? <span className="cd-bulk-tag cd-bulk-tag--force">needs force</span> : null}
        {included ? null : <span className="cd-bulk-tag">kept</span>}
      </label>
      <ChangesOf name={container.name} check={check} />
    </li>
  );
}

function ChangesOf({ name, check }: { name: string; check: ChangesCheck | undefined }) {
  if (!check || check.status === 'checking') return <span className="cd-bulk-changes faint">checking changes…</span>;
  if (check.status === 'failed') return <span className="cd-bulk-changes faint">could not list its changes: {check.error}</span>;
  if (check.changes.length === 0) return <span className="cd-bulk-changes faint">no changes in its writable layer</span>;
  return (
    <details className="cd-bulk-changes">
      <summary>
        <strong>{plural(check.changes.length, 'path changed', 'paths changed')}</strong> — lost if removed
      </summary>
      <ChangeList changes={check.changes} label={`Changes in ${name}`} limit={shownPerContainer} />
    </details>
  );
}
