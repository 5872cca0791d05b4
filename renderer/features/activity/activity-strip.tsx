import './activity.css';
import { useMemo, useRef, useState } from 'react';
import { useStore } from 'zustand';
import { useStores } from '../../app/stores-context.js';
import { HistoryPanel } from './history-panel.js';
import { selectUserActions } from './activity-store.js';
import { Outcome } from './outcome.js';

const shown = 4;

/** The last few actions as the docker commands they equal, with their results: Berth teaches the CLI. The whole session opens from here. */
export function ActivityStrip() {
  const entries = useStore(useStores().activity, (s) => s.entries);
  const actions = useMemo(() => selectUserActions({ entries }), [entries]);
  const recent = actions.slice(-shown).reverse();
  const [historyOpen, setHistoryOpen] = useState(false);
  const historyButton = useRef<HTMLButtonElement>(null);
  return (
    <footer className="activity" aria-label="Activity">
      <button
        ref={historyButton}
        type="button"
        className={`activity-history-btn${historyOpen ? ' activity-history-btn--on' : ''}`}
        aria-expanded={historyOpen}
        aria-controls="activity-history"
        title="Every command of this session, searchable"
        onClick={() => setHistoryOpen((open) => !open)}
      >
        History <span className="activity-count">{actions.length}</span>
      </button>
      <div className="activity-recent" role="log" aria-label="Recent actions as docker commands">
        {recent.length === 0 ? (
          <p className="activity-empty faint">Actions you take show up here as the docker commands they equal.</p>
        ) : (
          <ol className="activity-list">
            {recent.map((e) => (
              <li key={e.id} className={`act act--${e.outcome}`}>
                <code className="act-cmd">
                  <span className="act-prompt" aria-hidden="true">
                    ${' '}
                  </span>
                  {e.command}
                </code>
                <Outcome entry={e} />
              </li>
            ))}
          </ol>
        )}
      </div>
      {historyOpen ? (
        <HistoryPanel
          onClose={() => {
            setHistoryOpen(false);
            historyButton.current?.focus();
          }}
        />
      ) : null}
    </footer>
  );
}
