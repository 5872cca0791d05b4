import { useState } from 'react';
import type { FilesystemChange } from '../../../shared/container-detail-types.js';
import { useStore } from 'zustand';
import { cliEquivalent } from '../../../shared/contract.js';
import { useStores } from '../../app/stores-context.js';
import { ChangeList } from './change-list.js';
import { mustForce, type ContainerActionsStore } from './container-actions-store.js';
import { Dialog } from '../../components/dialog.js';
import { SameAsCommand } from '../../components/same-as-command.js';
import { useShownCommand } from '../../components/command-target.js';

/** Asks before `docker rm`: says what is lost, and that a running container is killed when forced. */
export function RemoveDialog({ actions }: { actions?: ContainerActionsStore }) {
  const stores = useStores();
  const containerActions = actions ?? stores.containerActions;
  const request = useStore(containerActions, (s) => s.removeRequest);
  if (!request) return null;
  return <RemoveDialogOpen key={request.container.id} containerActions={containerActions} />;
}

function RemoveDialogOpen({ containerActions }: { containerActions: ContainerActionsStore }) {
  const request = useStore(containerActions, (s) => s.removeRequest);
  if (!request) return null;
  const { container, force, changes } = request;
  const actions = containerActions.getState();
  const active = mustForce(container);
  const command = cliEquivalent('containers.remove', force ? { id: container.name, force: true } : { id: container.name });

  return (
    <Dialog
      title={
        <>
          Remove container <span className="mono">{container.name}</span>?
        </>
      }
      describedByBody
      danger
      submitLabel="Remove"
      onCancel={() => actions.cancelRemove()}
      onSubmit={() => void actions.confirmRemove()}
    >
      <p>
        This deletes <strong>{container.name}</strong> and its writable layer: every file created or changed inside the container since it
        was created is lost. Named volumes are kept, and the image <span className="mono">{container.image}</span> stays.
      </p>
      {active ? (
        <div className="dialog-warning">
          <p>
            <strong>
              {container.name} is {container.state}.
            </strong>{' '}
            The engine refuses to remove a {container.state} container unless forced; forcing kills it first (SIGKILL), without a graceful
            stop.
          </p>
          <label className="check">
            <input type="checkbox" checked={force} onChange={(e) => actions.setRemoveForce(e.currentTarget.checked)} />
            Force: kill it and remove it
          </label>
        </div>
      ) : null}
      <ChangesSummary changes={changes} error={request.changesError} />
      <SameAsCommand command={command} />
      {changes && changes.length > 0 ? <CommitFirst name={container.name} containerActions={containerActions} /> : null}
    </Dialog>
  );
}

const shown = 20;

/** What would be lost: `docker diff` of the container, first 20 paths and a count. */
function ChangesSummary({ changes, error }: { changes: readonly FilesystemChange[] | null; error?: string }) {
  if (error) return <p className="faint">Could not list the changes in its writable layer: {error}</p>;
  if (changes === null) return <p className="faint">Checking the writable layer for changes…</p>;
  if (changes.length === 0) return <p className="faint">Its writable layer has no changes: nothing but the container itself is lost.</p>;
  return (
    <div className="cd-remove-changes">
      <p>
        <strong>
          {changes.length} {changes.length === 1 ? 'path was' : 'paths were'} changed inside it
        </strong>{' '}
        and would be lost:
      </p>
      <ChangeList changes={changes} label="Changes that would be lost" limit={shown} />
    </div>
  );
}

/** Keep the changes as an image (`docker commit`), then remove. */
function CommitFirst({ name, containerActions }: { name: string; containerActions: ContainerActionsStore }) {
  const [repository, setRepository] = useState(`${name.toLowerCase().replace(/[^a-z0-9._-]/g, '-')}-snapshot`);
  const [tag, setTag] = useState('latest');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const commitLine = useShownCommand(cliEquivalent('containers.commit', { id: name, repository, ...(tag ? { tag } : {}) }) ?? '');
  return (
    <div className="cd-commit-first">
      <div className="cd-form-grid">
        <label>
          Repository
          <input
            value={repository}
            spellCheck={false}
            aria-invalid={error !== null}
            onChange={(e) => setRepository(e.currentTarget.value)}
          />
        </label>
        <label>
          Tag
          <input value={tag} spellCheck={false} onChange={(e) => setTag(e.currentTarget.value)} />
        </label>
      </div>
      <p className="dialog-cli">
        <span className="faint">Commit first:</span> <code>{commitLine}</code>
      </p>
      {error ? (
        <p className="cd-field-error" role="alert">
          {error}
        </p>
      ) : null}
      <button
        type="button"
        className="btn btn--primary"
        disabled={busy || !repository.trim()}
        onClick={() => {
          setBusy(true);
          setError(null);
          void containerActions
            .getState()
            .commitThenRemove({ repository: repository.trim(), ...(tag.trim() ? { tag: tag.trim() } : {}) })
            .then((err) => {
              setBusy(false);
              setError(err ?? null);
            });
        }}
      >
        {busy ? 'Committing…' : 'Commit, then remove'}
      </button>
    </div>
  );
}
