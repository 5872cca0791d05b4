import { useStore } from 'zustand';
import { cliEquivalent } from '../../../shared/contract.js';
import { RelativeTime } from '../../components/relative-time.js';
import { shortId } from '../../lib/short-id.js';
import { useNetworkTools } from './use-network-tools.js';

/** Prune: the exact list first, then those networks removed by name, each with its outcome. */
export function NetworkPrunePanel() {
  const { prune } = useNetworkTools();
  const s = useStore(prune, (x) => x);
  if (s.phase === 'closed') return null;
  const names = s.preview?.networks.map((n) => n.name) ?? [];
  return (
    <section className="ipanel" aria-label="Prune unused networks">
      <div className="ipanel-head">
        <h2>Prune unused networks</h2>
        <span className="faint">
          Same as <code>{names.length > 0 ? cliEquivalent('networks.prune', { networks: names }) : 'docker network prune'}</code>
        </span>
      </div>
      <p className="hint">
        Removes the networks you created that no container is attached to. Unlike <code>docker network prune</code>, a network that only stopped containers use is kept:
        without it they would fail to start. Built-in networks (host, none, bridge) always stay. Each network is checked again just before it is removed.
      </p>
      {s.phase === 'loading' ? <p className="muted">Looking for unused networks…</p> : null}
      {s.phase === 'error' ? (
        <p className="im-field-error" role="alert">
          {s.error}
        </p>
      ) : null}
      {s.preview && (s.phase === 'preview' || s.phase === 'pruning') ? (
        s.preview.networks.length === 0 ? (
          <p role="status">Nothing to prune: every network you created has a container attached.</p>
        ) : (
          <>
            <p role="status">
              <strong>
                {s.preview.networks.length} {s.preview.networks.length === 1 ? 'network' : 'networks'}
              </strong>{' '}
              would be removed{s.preview.keptInUse > 0 ? ` (${s.preview.keptInUse} kept: containers are attached)` : ''}.
            </p>
            <ul className="prune-list" aria-label="Networks to prune">
              {s.preview.networks.map((n) => (
                <li key={n.id}>
                  <span className="primary">{n.name}</span>
                  <span className="mono muted">{shortId(n.id)}</span>
                  <span className="muted">{n.driver}</span>
                  <span className="faint">{n.created !== null ? <RelativeTime unixSeconds={n.created} /> : ''}</span>
                </li>
              ))}
            </ul>
          </>
        )
      ) : null}
      {s.phase === 'done' && s.results ? <RemovalResults results={s.results} label="Prune results" /> : null}
      <div className="ipanel-actions">
        <button type="button" className="btn" onClick={() => prune.getState().close()}>
          {s.phase === 'done' ? 'Close' : 'Cancel'}
        </button>
        {s.phase === 'preview' || s.phase === 'pruning' ? (
          <button type="button" className="btn btn--danger" disabled={s.phase === 'pruning' || names.length === 0} onClick={() => void prune.getState().confirm()}>
            {s.phase === 'pruning' ? 'Removing…' : `Remove ${names.length} ${names.length === 1 ? 'network' : 'networks'}`}
          </button>
        ) : null}
      </div>
    </section>
  );
}

/** Per network: removed, or why not in the engine's words. */
export function RemovalResults({ results, label }: { results: ReadonlyArray<{ name: string; removed: boolean; reason?: string | undefined }>; label: string }) {
  const removed = results.filter((r) => r.removed).length;
  return (
    <>
      <p role="status">
        Removed {removed} of {results.length} {results.length === 1 ? 'network' : 'networks'}.
      </p>
      <ul className="net-results" aria-label={label}>
        {results.map((r) => (
          <li key={r.name} className={r.removed ? 'net-result--ok' : 'net-result--failed'}>
            <span className="primary">{r.name}</span>
            <span>{r.removed ? 'removed' : `not removed: ${r.reason ?? 'the engine refused'}`}</span>
          </li>
        ))}
      </ul>
    </>
  );
}
