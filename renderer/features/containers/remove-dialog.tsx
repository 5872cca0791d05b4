import { useEffect, useId, useRef } from 'react';
import { useStore } from 'zustand';
import { cliEquivalent } from '../../../shared/contract.js';
import { useStores } from '../../app/stores-context.js';
import { mustForce } from './container-actions-store.js';

/** Asks before `docker rm`: says what is lost, and that a running container is killed when forced. */
export function RemoveDialog() {
  const { containerActions } = useStores();
  const request = useStore(containerActions, (s) => s.removeRequest);
  if (!request) return null;
  return <RemoveDialogOpen key={request.container.id} />;
}

function RemoveDialogOpen() {
  const { containerActions } = useStores();
  const request = useStore(containerActions, (s) => s.removeRequest);
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const descId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);

  if (!request) return null;
  const { container, force } = request;
  const actions = containerActions.getState();
  const active = mustForce(container);
  const command = cliEquivalent('containers.remove', force ? { id: container.name, force: true } : { id: container.name });

  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={titleId}
      aria-describedby={descId}
      onCancel={(e) => {
        e.preventDefault();
        actions.cancelRemove();
      }}
    >
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          void actions.confirmRemove();
        }}
      >
        <h2 id={titleId} className="dialog-title">
          Remove container <span className="mono">{container.name}</span>?
        </h2>
        <div id={descId} className="dialog-body">
          <p>
            This deletes <strong>{container.name}</strong> and its writable layer: every file created or changed inside the container
            since it was created is lost. Named volumes are kept, and the image <span className="mono">{container.image}</span> stays.
          </p>
          {active ? (
            <div className="dialog-warning">
              <p>
                <strong>{container.name} is {container.state}.</strong> The engine refuses to remove a {container.state} container unless
                forced; forcing kills it first (SIGKILL), without a graceful stop.
              </p>
              <label className="check">
                <input type="checkbox" checked={force} onChange={(e) => actions.setRemoveForce(e.currentTarget.checked)} />
                Force: kill it and remove it
              </label>
            </div>
          ) : null}
          <p className="dialog-cli">
            <span className="faint">Same as</span> <code>{command}</code>
          </p>
        </div>
        <div className="dialog-actions">
          <button type="button" className="btn" autoFocus onClick={() => actions.cancelRemove()}>
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
