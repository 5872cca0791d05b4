import { useStore } from 'zustand';
import type { ContainerSummary } from '../../../shared/engine-types.js';
import { useStores } from '../../app/stores-context.js';
import { PlayIcon, RestartIcon, StopIcon, TerminalIcon, TrashIcon, AlertIcon } from '../../components/icons.js';
import { AttachButton, ShellOptionsButton } from '../terminals/shell-options-popover.js';
import type { TerminalContainerRef, TerminalEngine } from '../terminals/terminals-store.js';
import { allowedActions } from './container-permissions.js';
import type { ContainerActionsStore } from './container-actions-store.js';

export interface ContainerActionsCellProps {
  container: ContainerSummary;
  /** The actions of the row's engine (the all-engines list); the current engine's by default. */
  actions?: ContainerActionsStore;
  /** The row's engine when it is not the page's current one: its shells and attach open there. */
  engine?: TerminalEngine;
}

/** The row's buttons; each named exactly for what it does, enabled only when the engine would accept it. */
export function ContainerActionsCell({ container, actions: rowActions, engine }: ContainerActionsCellProps) {
  const stores = useStores();
  const { terminals } = stores;
  const containerActions = rowActions ?? stores.containerActions;
  const pending = useStore(containerActions, (s) => s.pending[container.id]);
  const failure = useStore(containerActions, (s) => s.failures[container.id]);
  const allowed = allowedActions(container.state);
  const busy = pending !== undefined;
  const ref: TerminalContainerRef = { id: container.id, name: container.name, ...(engine ? { engine } : {}) };
  const shellTitle = engine ? `Open shell (on ${engine.name})` : 'Open shell';
  const actions = containerActions.getState();

  return (
    <div className={`row-actions${busy ? ' row-actions--busy' : ''}`}>
      {failure ? (
        <span className="row-failure" title={failure}>
          <AlertIcon width={14} height={14} />
        </span>
      ) : null}
      <button
        type="button"
        className="icon-btn icon-btn--go"
        aria-label="Start"
        title="Start"
        disabled={busy || !allowed.has('start')}
        onClick={() => void actions.start(ref)}
      >
        <PlayIcon />
      </button>
      <button
        type="button"
        className="icon-btn"
        aria-label="Stop"
        title="Stop"
        disabled={busy || !allowed.has('stop')}
        onClick={() => void actions.stop(ref)}
      >
        <StopIcon />
      </button>
      <button
        type="button"
        className="icon-btn"
        aria-label="Restart"
        title="Restart"
        disabled={busy || !allowed.has('restart')}
        onClick={() => void actions.restart(ref)}
      >
        <RestartIcon />
      </button>
      <button
        type="button"
        className="icon-btn"
        aria-label="Open shell"
        title={shellTitle}
        disabled={!allowed.has('shell')}
        onClick={() => terminals.getState().openShell(ref)}
      >
        <TerminalIcon />
      </button>
      <ShellOptionsButton container={ref} disabled={!allowed.has('shell')} />
      <AttachButton container={ref} disabled={!allowed.has('shell')} />
      <button
        type="button"
        className="icon-btn icon-btn--danger"
        aria-label="Remove"
        title="Remove"
        disabled={busy}
        onClick={() => actions.askRemove(container)}
      >
        <TrashIcon />
      </button>
    </div>
  );
}
