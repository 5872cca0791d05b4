import './activity.css';
import { useStore } from 'zustand';
import { useStores } from '../../app/stores-context.js';
import type { ActivityEntry } from './activity-store.js';

const shown = 4;

function Outcome({ entry }: { entry: ActivityEntry }) {
  if (entry.outcome === 'running') return <span className="act-outcome act-outcome--running">running…</span>;
  const ms = entry.finishedAt !== undefined ? entry.finishedAt - entry.startedAt : undefined;
  const time = ms === undefined ? '' : ms < 1000 ? ` · ${ms} ms` : ` · ${(ms / 1000).toFixed(1)} s`;
  if (entry.outcome === 'ok') return <span className="act-outcome act-outcome--ok">✓ {entry.detail ?? 'done'}{time}</span>;
  return <span className="act-outcome act-outcome--error" title={entry.detail}>✗ {entry.errorCode ?? 'failed'}</span>;
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
                <span className="act-prompt" aria-hidden="true">$ </span>
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
