import './activity.css';
import { useStore } from 'zustand';
import { useStores } from '../../app/stores-context.js';
import { outcomeView } from './activity-outcome.js';
import type { ActivityEntry } from './activity-store.js';

const shown = 4;

function Outcome({ entry }: { entry: ActivityEntry }) {
  const view = outcomeView(entry);
  return (
    <span className={`act-outcome act-outcome--${view.tone}`} title={view.title}>
      {view.text}
    </span>
  );
}

/** The last few actions as the docker commands they equal, with their results: Berth teaches the CLI. */
export function ActivityStrip() {
  const entries = useStore(useStores().activity, (s) => s.entries);
  const recent = entries.slice(-shown).reverse();
  return (
    <footer className="activity" aria-label="Activity">
      <span className="activity-label">Activity</span>
      <ol className="activity-list" role="log" aria-label="Recent actions as docker commands">
        {recent.length === 0 ? (
          <li className="activity-empty faint">Actions you take show up here as the docker commands they equal.</li>
        ) : (
          recent.map((e) => (
            <li key={e.id} className={`act act--${e.outcome}`}>
              <code className="act-cmd">
                <span className="act-prompt" aria-hidden="true">
                  ${' '}
                </span>
                {e.command}
              </code>
              <Outcome entry={e} />
            </li>
          ))
        )}
      </ol>
    </footer>
  );
}
