import './engines.css';
import { useState } from 'react';
import { useStore } from 'zustand';
import type { FleetEngine } from '../../../shared/engines-contract.js';
import { localCommandTarget } from '../../../shared/engine-cli.js';
import { CommandTargetProvider } from '../../components/command-target.js';
import { AddEngineDialog } from './add-engine-dialog.js';
import { HostKeyDialog, RemoveEngineDialog } from './engine-dialogs.js';
import { useEngines } from './engines-context.js';
import type { EnginesStore } from './engines-store.js';
import { factRows, fleetStateView, sourceText } from './fleet-format.js';
import { useNow } from './use-now.js';
import { unavailableFeatures } from '../../../shared/engine-features.js';

/** What Berth turns off on an engine whose API is older than a feature needs, each with why. */
function MissingFeatures({ apiVersion }: { apiVersion: string | undefined }) {
  const missing = unavailableFeatures(apiVersion);
  if (missing.length === 0) return null;
  return (
    <div className="engine-missing">
      <p className="engine-missing-title">Off on this engine (API {apiVersion}):</p>
      <ul aria-label="Features this engine lacks">
        {missing.map((m) => (
          <li key={m.feature}>{m.reason}</li>
        ))}
      </ul>
    </div>
  );
}

type Open = { kind: 'remove' | 'hostKey'; id: string } | undefined;

function EngineCard({
  engines,
  engine,
  current,
  cliCurrent,
  now,
  onOpen,
}: {
  engines: EnginesStore;
  engine: FleetEngine;
  current: boolean;
  /** The docker CLI's current context names this engine (`docker` without --context talks to it). */
  cliCurrent: boolean;
  now: number;
  onOpen(open: Open): void;
}) {
  const view = fleetStateView(engine, now);
  const error = useStore(engines, (s) => (s.actionError?.id === engine.spec.id ? s.actionError.message : undefined));
  const waiting = engine.state === 'reconnecting' || engine.state === 'not-answering';
  return (
    <li className={`engine-card${current ? ' engine-card--current' : ''}`} aria-label={`Engine ${engine.spec.name}`}>
      <div className="engine-card-head">
        <div>
          <h2 className="engine-name">
            {engine.spec.name}
            {current ? <span className="engine-current faint"> (shown)</span> : null}
          </h2>
          <div className="faint">
            {sourceText(engine.spec)}
            {cliCurrent ? ' (the docker CLI’s current context)' : ''} · <code>{engine.spec.host}</code>
          </div>
        </div>
        <span className={`engine-state engine-state--${view.tone}`} role="status">
          <span className="engine-state-dot" aria-hidden="true" />
          {view.label}
        </span>
      </div>
      {view.detail ? <p className="engine-reason">{view.detail}</p> : null}
      {engine.hint && engine.state !== 'connected' ? <p className="faint engine-hint">{engine.hint}</p> : null}
      <dl className="engine-facts">
        {factRows(engine.facts).map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <MissingFeatures apiVersion={engine.facts.apiVersion} />
      {engine.state !== 'connected' && engine.facts.readAt !== undefined ? (
        <p className="faint engine-hint">Last known, read at {new Date(engine.facts.readAt).toLocaleTimeString()}</p>
      ) : null}
      {error ? (
        <p className="rf-error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="engine-actions">
        {!current ? (
          <button type="button" className="btn btn--primary" onClick={() => engines.getState().setCurrent(engine.spec.id)}>
            Show this engine
          </button>
        ) : null}
        {waiting || engine.state === 'refused' ? (
          <button type="button" className="btn" onClick={() => void engines.getState().reconnect(engine.spec.id)}>
            Retry now
          </button>
        ) : null}
        {engine.unknownHostKey ? (
          <button type="button" className="btn" onClick={() => onOpen({ kind: 'hostKey', id: engine.spec.id })}>
            Check host key…
          </button>
        ) : null}
        {engine.removable ? (
          <button type="button" className="btn btn--danger" onClick={() => onOpen({ kind: 'remove', id: engine.spec.id })}>
            Remove…
          </button>
        ) : null}
      </div>
    </li>
  );
}

/** Every engine Berth serves, each with its state, its machine and its containers; add, remove, trust a host key. */
export function FleetView() {
  const engines = useEngines();
  const fleet = useStore(engines, (s) => s.fleet);
  const fleetError = useStore(engines, (s) => s.fleetError);
  const currentId = useStore(engines, (s) => s.currentId);
  const [adding, setAdding] = useState(false);
  const [open, setOpen] = useState<Open>(undefined);
  const list = fleet?.engines ?? [];
  const now = useNow(list.some((e) => e.nextTryAt !== undefined));
  const connected = list.filter((e) => e.state === 'connected').length;
  const opened = open ? list.find((e) => e.spec.id === open.id) : undefined;

  return (
    <section className="view fleet-view" aria-labelledby="fleet-title">
      <div className="view-toolbar">
        <div className="view-title">
          <h1 id="fleet-title">Engines</h1>
          <span className="view-summary">{fleet ? `${list.length} engines, ${connected} connected` : 'Loading…'}</span>
        </div>
        <button type="button" className="btn btn--primary" onClick={() => setAdding(true)}>
          Add engine…
        </button>
      </div>
      {fleetError ? <p className="rf-error">The engines list is not available: {fleetError}</p> : null}
      {fleet?.savedEnginesProblem ? (
        <p className="rf-error" role="alert">
          {fleet.savedEnginesProblem}
        </p>
      ) : null}
      {fleet?.contextProblems?.map((problem) => (
        <p key={problem} className="rf-error" role="alert">
          {problem}
        </p>
      ))}
      <ul className="engine-cards">
        {list.map((engine) => (
          <EngineCard
            key={engine.spec.id}
            engines={engines}
            engine={engine}
            current={engine.spec.id === currentId}
            cliCurrent={engine.spec.id === fleet?.cliContextId}
            now={now}
            onOpen={setOpen}
          />
        ))}
      </ul>
      {adding ? (
        // `docker context create` writes the CLI's own config: it runs against no engine.
        <CommandTargetProvider target={localCommandTarget}>
          <AddEngineDialog engines={engines} onClose={() => setAdding(false)} />
        </CommandTargetProvider>
      ) : null}
      {opened && open?.kind === 'remove' ? (
        <RemoveEngineDialog engines={engines} engine={opened} onClose={() => setOpen(undefined)} />
      ) : null}
      {opened && open?.kind === 'hostKey' ? <HostKeyDialog engines={engines} engine={opened} onClose={() => setOpen(undefined)} /> : null}
    </section>
  );
}
