import './stacks.css';
import { useEffect, useMemo, useState } from 'react';
import { useStore } from 'zustand';
import { useStores } from '../../app/stores-context.js';
import { StateBadge } from '../../components/state-badge.js';
import { ViewToolbar } from '../../components/view-toolbar.js';
import { groupStacks, type StackEntry, type StackState } from './stack-groups.js';
import { StackDetail } from './stack-detail.js';
import { NewStackDialog } from './new-stack-dialog.js';
import { OpenStackDialog } from './open-stack-dialog.js';
import { useStacksStore } from './stacks-feature.js';

const stateWords: Record<StackState, { badge: string; label: string }> = {
  running: { badge: 'running', label: 'running' },
  partly: { badge: 'restarting', label: 'partly up' },
  stopped: { badge: 'exited', label: 'stopped' },
  none: { badge: 'created', label: 'no containers' },
};

function StackRow({ stack, selected, onSelect }: { stack: StackEntry; selected: boolean; onSelect(): void }) {
  const words = stateWords[stack.state];
  return (
    <li>
      <button
        type="button"
        className={`stk-row${selected ? ' stk-row--selected' : ''}`}
        aria-current={selected ? 'true' : undefined}
        onClick={onSelect}
      >
        <span className="stk-row-name">{stack.project}</span>
        <StateBadge state={words.badge} label={words.label} />
        <span className="faint stk-row-count">
          {stack.total > 0 ? `${stack.running}/${stack.total} running · ${stack.services.length} services` : 'opened in Berth'}
        </span>
      </button>
    </li>
  );
}

/** Every Compose project on the engine (from its containers' labels) and the stacks opened in Berth. */
export function StacksView() {
  const { containers } = useStores();
  const stacksStore = useStacksStore();
  const items = useStore(containers, (s) => s.items);
  const info = useStore(stacksStore, (s) => s.info);
  const infoError = useStore(stacksStore, (s) => s.infoError);
  const opened = useStore(stacksStore, (s) => s.opened);
  const selected = useStore(stacksStore, (s) => s.selected);
  const [filter, setFilter] = useState('');
  const [opening, setOpening] = useState(false);
  const drafting = useStore(stacksStore, (s) => s.draft !== undefined);

  useEffect(() => {
    void stacksStore.getState().load();
  }, [stacksStore]);

  const stacks = useMemo(() => groupStacks(items, opened), [items, opened]);
  const shown = stacks.filter((s) => s.project.includes(filter.trim().toLowerCase()));
  const current = stacks.find((s) => s.project === selected) ?? shown[0];

  return (
    <section className="view stk-view" aria-labelledby="stacks-title">
      <ViewToolbar
        title="Stacks"
        titleId="stacks-title"
        summary={
          info?.program ? (
            <>
              {stacks.length} {stacks.length === 1 ? 'stack' : 'stacks'} · run with <code>{info.program}</code> {info.version ?? ''}
            </>
          ) : (
            'Compose projects on this engine'
          )
        }
        filter={filter}
        filterLabel="Filter stacks"
        onFilter={setFilter}
        actions={
          <button type="button" className="btn btn--primary" disabled={!info?.program} onClick={() => setOpening(true)}>
            Open stack…
          </button>
        }
      />
      {infoError ? <div className="banner banner--error">Could not ask Berth about Compose: {infoError}</div> : null}
      {info && !info.program ? (
        <div className="banner banner--error stk-missing" role="alert">
          <strong>No Compose program.</strong> {info.missing}
        </div>
      ) : null}
      <div className="stk-layout">
        <nav className="stk-list" aria-label="Stacks">
          {shown.length === 0 ? (
            <p className="faint stk-empty">
              {stacks.length === 0
                ? 'No Compose project has containers on this engine. Open a stack from its folder.'
                : 'No stack matches the filter.'}
            </p>
          ) : (
            <ul>
              {shown.map((s) => (
                <StackRow key={s.project} stack={s} selected={s === current} onSelect={() => stacksStore.getState().select(s.project)} />
              ))}
            </ul>
          )}
        </nav>
        {current ? <StackDetail key={current.project} stack={current} program={info?.program ?? null} /> : <div className="stk-detail" />}
      </div>
      {opening ? <OpenStackDialog onClose={() => setOpening(false)} /> : null}
      {drafting ? <NewStackDialog /> : null}
    </section>
  );
}
