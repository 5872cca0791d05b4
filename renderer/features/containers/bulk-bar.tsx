import { useEffect, useId } from 'react';
import { useStore } from 'zustand';
import type { ContainerSummary } from '../../../shared/engine-types.js';
import { useStores } from '../../app/stores-context.js';
import { useContainersView } from './containers-view-context.js';
import { useModalDialog } from '../../components/use-modal-dialog.js';

/** Shown while rows are selected: act on all of them at once. */
export function BulkBar({ items }: { items: readonly ContainerSummary[] }) {
  const { containerActions } = useStores();
  const { selection } = useContainersView();
  const selectedIds = useStore(selection, (s) => s.selected);
  useEffect(() => {
    selection.getState().retain(new Set(items.map((c) => c.id)));
  }, [items, selection]);
  const selected = items.filter((c) => selectedIds.has(c.id));
  if (selected.length === 0) return null;
  const actions = containerActions.getState();
  return (
    <div className="cd-bulk-bar" role="toolbar" aria-label="Selected containers">
      <span>
        <strong>{selected.length}</strong> selected
      </span>
      <button type="button" className="btn btn--small" onClick={() => void actions.stopMany(selected)}>
        Stop selected
      </button>
      <button type="button" className="btn btn--small btn--danger" onClick={() => actions.askRemoveMany(selected)}>
        Remove selected
      </button>
      <button type="button" className="btn btn--small" onClick={() => selection.getState().clear()}>
        Clear selection
      </button>
    </div>
  );
}

/** Asks once before removing every selected container, listing them. */
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
  const ref = useModalDialog();
  const titleId = useId();
  if (!request) return null;
  const actions = containerActions.getState();
  const active = request.containers.filter((c) => c.state === 'running' || c.state === 'paused' || c.state === 'restarting');
  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault();
        actions.cancelRemoveMany();
      }}
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void actions.confirmRemoveMany().then(() => selection.getState().clear());
        }}
      >
        <h2 id={titleId} className="dialog-title">
          Remove {request.containers.length} containers?
        </h2>
        <div className="dialog-body">
          <p>Each one is deleted with its writable layer (files created or changed inside it). Named volumes and images stay.</p>
          <ul className="cd-change-list" aria-label="Containers to remove">
            {request.containers.map((c) => (
              <li key={c.id} className="mono">
                {c.name} <span className="faint">({c.state})</span>
              </li>
            ))}
          </ul>
          {active.length > 0 ? (
            <div className="dialog-warning">
              <p>
                <strong>{active.length} of them are still running or paused.</strong> The engine removes them only when forced, which kills them first.
              </p>
              <label className="check">
                <input type="checkbox" checked={request.force} onChange={(e) => actions.setBulkRemoveForce(e.currentTarget.checked)} />
                Force: kill and remove them
              </label>
            </div>
          ) : null}
          <p className="dialog-cli">
            <span className="faint">Same as</span>{' '}
            <code>
              docker rm{request.force ? ' --force' : ''} {request.containers.map((c) => c.name).join(' ')}
            </code>
          </p>
        </div>
        <div className="dialog-actions">
          <button type="button" className="btn" autoFocus onClick={() => actions.cancelRemoveMany()}>
            Cancel
          </button>
          <button type="submit" className="btn btn--danger">
            Remove
          </button>
        </div>
      </form>
    </dialog>
  );
}
