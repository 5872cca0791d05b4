import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import type { ComposeProgram, StackActionInput, StackRef } from '../../../shared/compose-types.js';
import { useStores } from '../../app/stores-context.js';
import { useShownCommand } from '../../components/command-target.js';
import { StateBadge } from '../../components/state-badge.js';
import { errorText } from '../../lib/error-text.js';
import { DownDialog } from './down-dialog.js';
import { StackEditor } from './stack-editor.js';
import { healthOf, type ServiceEntry, type StackEntry } from './stack-groups.js';
import { StackLogs } from './stack-logs.js';
import { useStacksStore } from './stacks-feature.js';
import type { StackRun } from './stacks-store.js';

type Tab = 'services' | 'logs' | 'file';

function RunOutput({ run, onCancel }: { run: StackRun; onCancel(): void }) {
  const command = useShownCommand(run.command);
  const changed = [
    run.recreated && run.recreated.length > 0 ? `recreated: ${run.recreated.join(', ')}` : '',
    run.created && run.created.length > 0 ? `new containers: ${run.created.join(', ')}` : '',
  ].filter(Boolean);
  return (
    <section className="stk-run" aria-label="Last run">
      <div className="stk-run-head">
        <code className="stk-run-command">{command}</code>
        <span className={`stk-run-status stk-run-status--${run.status}`} role="status">
          {run.status === 'running'
            ? 'running…'
            : run.status === 'ok'
              ? 'done'
              : run.status === 'cancelled'
                ? 'cancelled'
                : `failed: ${run.error ?? ''}`}
        </span>
        {run.status === 'running' ? (
          <button type="button" className="btn btn--small" onClick={onCancel}>
            Cancel
          </button>
        ) : null}
      </div>
      {run.status === 'ok' && run.action === 'up' ? (
        <p className="stk-run-changed" aria-label="What up changed">
          {changed.length > 0 ? changed.join(' · ') : 'No service was recreated: everything was up to date.'}
        </p>
      ) : null}
      <pre className="stk-run-output" aria-label="Compose output" tabIndex={0}>
        {run.output || (run.status === 'running' ? 'Waiting for output…' : 'No output.')}
      </pre>
    </section>
  );
}

function ServiceRow({
  service,
  stack,
  scalable,
  onRun,
  onLogs,
}: {
  service: ServiceEntry;
  stack: StackEntry;
  scalable: boolean | undefined;
  onRun(action: StackActionInput): void;
  onLogs(): void;
}) {
  const { terminals } = useStores();
  const [scale, setScale] = useState(String(Math.max(1, service.containers.length)));
  const running = service.containers.find((c) => c.state === 'running');
  const canRun = stack.ref !== undefined;
  return (
    <tr>
      <th scope="row">{service.name}</th>
      <td>
        {service.containers.length === 0 ? (
          <span className="faint">no container</span>
        ) : (
          <ul className="stk-containers">
            {service.containers.map((c) => {
              const health = healthOf(c);
              return (
                <li key={c.id}>
                  <span className="mono">{c.name}</span>{' '}
                  <StateBadge state={c.state} label={c.state} failed={c.state === 'exited' && (c.exitCode ?? 0) !== 0} />
                  {health ? <span className={`stk-health stk-health--${health}`}>{health}</span> : null}
                </li>
              );
            })}
          </ul>
        )}
      </td>
      <td className="stk-service-actions">
        <button
          type="button"
          className="btn btn--small"
          disabled={!canRun}
          onClick={() => onRun({ action: 'restart', services: [service.name] })}
        >
          Restart
        </button>
        <button type="button" className="btn btn--small" disabled={service.containers.length === 0} onClick={onLogs}>
          Logs
        </button>
        <button
          type="button"
          className="btn btn--small"
          disabled={!running}
          title={running ? `A shell in ${running.name}` : 'No running container'}
          onClick={() => running && terminals.getState().openShell({ id: running.id, name: running.name })}
        >
          Shell
        </button>
        {scalable ? (
          <span className="stk-scale">
            <input
              className="input"
              type="number"
              min={0}
              max={100}
              aria-label={`Containers of ${service.name}`}
              value={scale}
              onChange={(e) => setScale(e.currentTarget.value)}
            />
            <button
              type="button"
              className="btn btn--small"
              disabled={!canRun || !/^\d+$/.test(scale)}
              onClick={() => onRun({ action: 'up', scale: { [service.name]: Number(scale) }, services: [service.name] })}
            >
              Scale
            </button>
          </span>
        ) : null}
      </td>
    </tr>
  );
}

/** One stack: its files, its actions with their output, its services, logs and file. */
export function StackDetail({ stack, program }: { stack: StackEntry; program: ComposeProgram | null }) {
  const stacks = useStacksStore();
  const run = useStore(stacks, (s) => s.runs[stack.project]);
  const description = useStore(stacks, (s) => s.descriptions[stack.project]);
  const [tab, setTab] = useState<Tab>('services');
  const [build, setBuild] = useState(false);
  const [pullAlways, setPullAlways] = useState(false);
  const [downOpen, setDownOpen] = useState(false);
  const [logService, setLogService] = useState<string>();
  const [error, setError] = useState<string>();
  const ref: StackRef | undefined = stack.ref;
  const ready = program !== null && ref !== undefined && !description?.missingFiles;
  const busy = run?.status === 'running';

  useEffect(() => {
    if (ref && program) void stacks.getState().describe(ref);
    // Described again when the files or their options change, or when a run ends.
  }, [stacks, program, ref?.files.join('\n'), ref?.profiles.join(','), ref?.envFile, run?.status === 'running']);

  const start = (action: StackActionInput) => {
    if (!ref) return;
    setError(undefined);
    stacks
      .getState()
      .run(ref, action)
      .catch((e: unknown) => setError(errorText(e)));
  };

  const scalableOf = (name: string) => description?.services.find((s) => s.name === name)?.scalable;
  // Services the file has but no container yet, then those with containers.
  const fileOnly = (description?.services ?? [])
    .filter((s) => !stack.services.some((x) => x.name === s.name))
    .map((s) => ({ name: s.name, containers: [] }));
  const services: ServiceEntry[] = [...stack.services, ...fileOnly].sort((a, b) => a.name.localeCompare(b.name));

  return (
    <div className="stk-detail" aria-label={`Stack ${stack.project}`} role="region">
      <header className="stk-head">
        <h2>{stack.project}</h2>
        <dl className="stk-files">
          {stack.workingDir ? (
            <>
              <dt>Folder</dt>
              <dd className="mono">{stack.workingDir}</dd>
            </>
          ) : null}
          <dt>Files</dt>
          <dd className="mono">{ref ? ref.files.join(', ') : 'unknown: the containers do not name them'}</dd>
          {ref && ref.profiles.length > 0 ? (
            <>
              <dt>Profiles</dt>
              <dd className="mono">{ref.profiles.join(', ')}</dd>
            </>
          ) : null}
          {ref?.envFile ? (
            <>
              <dt>Env file</dt>
              <dd className="mono">{ref.envFile}</dd>
            </>
          ) : null}
        </dl>
        {description?.problem ? (
          <p className="banner banner--error" role="alert">
            {description.problem}
          </p>
        ) : null}
        {!ref ? (
          <p className="faint">Open this stack from its folder (Open stack…) to run Compose on it.</p>
        ) : description?.missingFiles ? (
          <p className="faint">
            Its files are on the machine that brought it up, not on the one Berth runs on: open a copy from this machine to act on it.
          </p>
        ) : null}
      </header>
      <div className="stk-actions" role="group" aria-label="Stack actions">
        <button
          type="button"
          className="btn btn--primary"
          disabled={!ready || busy}
          onClick={() => start({ action: 'up', build, pull: pullAlways ? 'always' : 'missing' })}
        >
          Up
        </button>
        <label className="check">
          <input type="checkbox" checked={build} onChange={(e) => setBuild(e.currentTarget.checked)} /> --build
        </label>
        <label className="check">
          <input type="checkbox" checked={pullAlways} onChange={(e) => setPullAlways(e.currentTarget.checked)} /> pull newer images first
        </label>
        {(['stop', 'start', 'restart', 'pull'] as const).map((action) => (
          <button key={action} type="button" className="btn" disabled={!ready || busy} onClick={() => start({ action })}>
            {action[0]!.toUpperCase() + action.slice(1)}
          </button>
        ))}
        <button type="button" className="btn btn--danger" disabled={!ready || busy} onClick={() => setDownOpen(true)}>
          Down…
        </button>
        {stack.opened ? (
          <button
            type="button"
            className="btn"
            title="Forget this stack in Berth (nothing is removed)"
            onClick={() => void stacks.getState().close(stack.project)}
          >
            Close
          </button>
        ) : null}
      </div>
      {error ? (
        <p className="banner banner--error" role="alert">
          {error}
        </p>
      ) : null}
      {run ? <RunOutput run={run} onCancel={() => stacks.getState().cancel(stack.project)} /> : null}
      <div className="stk-tabs" role="tablist" aria-label="Stack views">
        {(['services', 'logs', 'file'] as const).map((t) => (
          <button
            key={t}
            type="button"
            role="tab"
            aria-selected={tab === t}
            className={`stk-tab${tab === t ? ' stk-tab--current' : ''}`}
            onClick={() => setTab(t)}
          >
            {t === 'services' ? 'Services' : t === 'logs' ? 'Logs' : 'File'}
          </button>
        ))}
      </div>
      {tab === 'services' ? (
        <table className="stk-services">
          <thead>
            <tr>
              <th scope="col">Service</th>
              <th scope="col">Containers</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {services.map((s) => (
              <ServiceRow
                key={s.name}
                service={s}
                stack={stack}
                scalable={scalableOf(s.name)}
                onRun={start}
                onLogs={() => {
                  setLogService(s.name);
                  setTab('logs');
                }}
              />
            ))}
          </tbody>
        </table>
      ) : null}
      {tab === 'logs' ? <StackLogs stack={stack} service={logService} onService={setLogService} /> : null}
      {tab === 'file' ? (
        ref && program ? (
          <StackEditor stack={ref} program={program} onApply={() => start({ action: 'up' })} />
        ) : (
          <p className="faint">Open the stack from its folder to see and edit its file.</p>
        )
      ) : null}
      {downOpen && ref ? (
        <DownDialog
          stack={stack}
          description={description}
          program={program}
          onCancel={() => setDownOpen(false)}
          onConfirm={(volumes) => {
            setDownOpen(false);
            start({ action: 'down', volumes });
          }}
        />
      ) : null}
    </div>
  );
}
