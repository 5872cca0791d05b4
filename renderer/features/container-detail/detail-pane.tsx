import './container-detail.css';
import { useState } from 'react';
import { useStore } from 'zustand';
import { cliEquivalent } from '../../../shared/contract.js';
import { EngineCommand } from '../engines/engine-command.js';
import type { ContainerSummary } from '../../../shared/engine-types.js';
import { useStores } from '../../app/stores-context.js';
import { CloseIcon } from '../../components/icons.js';
import { StateBadge } from '../../components/state-badge.js';
import { ContainerStateBadge } from '../containers/state-badge.js';
import { ChangesTab } from './changes-tab.js';
import { CommitDialog } from './commit-dialog.js';
import { DebugShellDialog } from './debug-shell-dialog.js';
import { detailTabs, type ContainerDetailStore } from './container-detail-store.js';
import { InspectTab } from './inspect-tab.js';
import { killSignals, legalActions, lifecycleStateOf, type DetailAction, type Transition } from './lifecycle.js';
import { LifecycleBox } from './lifecycle-box.js';
import { LifecycleDiagram } from './lifecycle-diagram.js';
import { LogsTab } from './logs-tab.js';
import { ProcessesTab } from './processes-tab.js';
import { FilesTab } from '../container-files/files-tab.js';
import { StatsTab } from './stats-tab.js';

/** The selected container: header with lifecycle actions, the lifecycle diagram, and tabs. */
export function DetailPane({ detail }: { detail: ContainerDetailStore }) {
  const { containers } = useStores();
  const id = useStore(detail, (s) => s.containerId);
  const rememberedName = useStore(detail, (s) => s.containerName);
  const container = useStore(containers, (s) => (id ? s.items.find((c) => c.id === id) : undefined));
  if (!id) return null;
  return <DetailOpen key={id} id={id} name={container?.name ?? rememberedName} container={container} detail={detail} />;
}

function DetailOpen({
  id,
  name,
  container,
  detail,
}: {
  id: string;
  name: string;
  container: ContainerSummary | undefined;
  detail: ContainerDetailStore;
}) {
  const { containerActions, runForm } = useStores();
  const [runAgainError, setRunAgainError] = useState<string | null>(null);
  const tab = useStore(detail, (s) => s.tab);
  const pending = useStore(containerActions, (s) => s.pending[id]);
  const failure = useStore(containerActions, (s) => s.failures[id]);
  const [killing, setKilling] = useState(false);
  const [signal, setSignal] = useState<string>('SIGKILL');
  const [renaming, setRenaming] = useState(false);
  const [newName, setNewName] = useState(name);
  const [renameError, setRenameError] = useState<string | null>(null);
  const [committing, setCommitting] = useState(false);
  const [debugging, setDebugging] = useState(false);

  const state = container?.state ?? 'removed';
  const allowed = legalActions(state);
  const busy = pending !== undefined;
  const ref = { id, name };
  const actions = containerActions.getState();
  const can = (a: DetailAction) => !busy && allowed.has(a);

  const act = (a: DetailAction) => {
    switch (a) {
      case 'start':
        return void actions.start(ref);
      case 'stop':
        return void actions.stop(ref);
      case 'restart':
        return void actions.restart(ref);
      case 'pause':
        return void actions.pause(ref);
      case 'unpause':
        return void actions.unpause(ref);
      case 'kill':
        return setKilling(true);
      case 'remove':
        return container ? actions.askRemove(container) : undefined;
      case 'rename':
        return setRenaming(true);
      case 'commit':
        return setCommitting(true);
    }
  };
  const onTransition = (t: Transition) => act(t.action === 'rm' ? 'remove' : t.action);

  const button = (a: DetailAction, label: string, cls = '') => (
    <button type="button" className={`btn btn--small ${cls}`} disabled={!can(a)} onClick={() => act(a)}>
      {label}
    </button>
  );

  return (
    <aside className="cd-detail" aria-label={`Container ${name}`}>
      <header className="cd-detail-head">
        <div className="cd-detail-title">
          {renaming ? (
            <form
              className="cd-rename"
              onSubmit={(e) => {
                e.preventDefault();
                void actions.rename(ref, newName.trim()).then((err) => {
                  if (err === undefined) {
                    setRenaming(false);
                    detail.getState().open({ id, name: newName.trim() });
                  }
                  setRenameError(err ?? null);
                });
              }}
            >
              <input
                aria-label="New name"
                autoFocus
                value={newName}
                spellCheck={false}
                aria-invalid={renameError !== null}
                onChange={(e) => setNewName(e.currentTarget.value)}
              />
              <button type="submit" className="btn btn--small btn--primary" disabled={busy || !newName.trim() || newName.trim() === name}>
                Save name
              </button>
              <button
                type="button"
                className="btn btn--small"
                onClick={() => {
                  setRenaming(false);
                  setRenameError(null);
                  setNewName(name);
                }}
              >
                Cancel
              </button>
              {renameError ? (
                <span className="cd-field-error" role="alert">
                  {renameError}
                </span>
              ) : null}
            </form>
          ) : (
            <h2 className="mono" title={`${name}\n${id}`}>
              {name}
            </h2>
          )}
          {container ? <ContainerStateBadge container={container} pending={pending} /> : <StateBadge state="dead" label="removed" />}
          <span className="cd-spacer" />
          <button
            type="button"
            className="icon-btn"
            aria-label="Close details"
            title="Close details"
            onClick={() => detail.getState().close()}
          >
            <CloseIcon />
          </button>
        </div>
        <div className="cd-detail-actions" role="toolbar" aria-label="Lifecycle actions">
          {button('start', 'Start')}
          {button('stop', 'Stop')}
          {button('restart', 'Restart')}
          {button('pause', 'Pause')}
          {button('unpause', 'Unpause')}
          {button('kill', 'Kill…')}
          {button('rename', 'Rename')}
          {button('commit', 'Commit…')}
          <button
            type="button"
            className="btn btn--small"
            disabled={!container}
            title="Open the run form with every setting this container was run with"
            onClick={() =>
              void runForm
                .getState()
                .runAgain(ref)
                .then((err) => setRunAgainError(err ?? null))
            }
          >
            Run again…
          </button>
          <button
            type="button"
            className="btn btn--small"
            disabled={state !== 'running'}
            title="A shell for a container without one: a toolbox container in its processes and network"
            onClick={() => setDebugging(true)}
          >
            Debug shell…
          </button>
          {button('remove', 'Remove', 'btn--danger-ghost')}
        </div>
        {killing ? (
          <form
            className="cd-kill-form"
            onSubmit={(e) => {
              e.preventDefault();
              setKilling(false);
              void actions.kill(ref, signal === 'SIGKILL' ? undefined : signal);
            }}
          >
            <label className="cd-field-inline">
              Signal
              <select aria-label="Signal" value={signal} onChange={(e) => setSignal(e.currentTarget.value)}>
                {killSignals.map((s) => (
                  <option key={s}>{s}</option>
                ))}
              </select>
            </label>
            <EngineCommand line={cliEquivalent('containers.kill', signal === 'SIGKILL' ? { id: name } : { id: name, signal })} />
            <button type="submit" className="btn btn--small btn--danger">
              Send {signal}
            </button>
            <button type="button" className="btn btn--small" onClick={() => setKilling(false)}>
              Cancel
            </button>
          </form>
        ) : null}
        {runAgainError ? (
          <div role="alert" className="banner banner--error">
            {runAgainError}
          </div>
        ) : null}
        {failure && !renaming ? (
          <div role="alert" className="banner banner--error">
            {failure}
          </div>
        ) : null}
        <LifecycleBox detail={detail}>
          <LifecycleDiagram state={lifecycleStateOf(state)} busy={busy} onAction={onTransition} />
        </LifecycleBox>
      </header>
      <div role="tablist" aria-label="Container details" className="cd-detail-tabs">
        {detailTabs.map((t) => (
          <button
            key={t}
            type="button"
            role="tab"
            id={`detail-tab-${t}`}
            aria-selected={tab === t}
            aria-controls={`detail-panel-${t}`}
            className={`cd-detail-tab${tab === t ? ' cd-detail-tab--current' : ''}`}
            onClick={() => detail.getState().setTab(t)}
          >
            {t}
          </button>
        ))}
      </div>
      {/* Focusable: a tab whose content scrolls but holds no control (Stats) can still be scrolled from the keyboard. */}
      <div role="tabpanel" id={`detail-panel-${tab}`} aria-labelledby={`detail-tab-${tab}`} className="cd-detail-panel" tabIndex={0}>
        {!container && tab !== 'Logs' ? (
          <p className="faint">This container has been removed.</p>
        ) : tab === 'Logs' ? (
          container ? (
            <LogsTab id={id} name={name} />
          ) : (
            <p className="faint">This container has been removed.</p>
          )
        ) : tab === 'Stats' ? (
          <StatsTab key={state === 'running' ? 'on' : 'off'} id={id} name={name} />
        ) : tab === 'Inspect' ? (
          <InspectTab key={state} id={id} name={name} />
        ) : tab === 'Changes' ? (
          <ChangesTab id={id} name={name} />
        ) : tab === 'Files' ? (
          <FilesTab id={id} name={name} running={state === 'running'} />
        ) : (
          <ProcessesTab id={id} name={name} running={state === 'running' || state === 'paused'} />
        )}
      </div>
      {committing ? <CommitDialog id={id} name={name} onClose={() => setCommitting(false)} /> : null}
      {debugging ? <DebugShellDialog id={id} name={name} onClose={() => setDebugging(false)} /> : null}
    </aside>
  );
}
