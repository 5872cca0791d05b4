import { useStore } from 'zustand';
import { cliEquivalent } from '../../../shared/contract.js';
import { RelativeTime } from '../../components/relative-time.js';
import { shortId } from '../../lib/short-id.js';
import { useStores } from '../../app/stores-context.js';
import { nameIsShared, networkCliRef } from './network-display.js';
import { RemovalResults } from './network-removal-results.js';
import { useNetworkTools } from './use-network-tools.js';

/** Prune: the exact list first, then those networks removed by ID, each with its outcome. */
export function NetworkPrunePanel() {
  const { prune } = useNetworkTools();
  const { networks } = useStores();
  const s = useStore(prune, (x) => x);
  const listed = useStore(networks, (x) => x.items);
  if (s.phase === 'closed') return null;
  const refs = s.preview?.networks.map((n) => networkCliRef(n, listed)) ?? [];
  return (
    <section className="ipanel" aria-label="Prune unused networks">
      <div className="ipanel-head">
        <h2>Prune unused networks</h2>
        <span className="faint">
          Same as <code>{refs.length > 0 ? cliEquivalent('networks.prune', { networks: refs }) : 'docker network prune'}</code>
        </span>
      </div>
      <p className="hint">
        Removes the local networks you created that no container is attached to. Unlike <code>docker network prune</code>, a network that
        only stopped containers use is kept: without it they would fail to start. Built-in networks (host, none, bridge) and swarm networks
        (ingress, overlays) always stay. Each network is checked again just before it is removed.
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
                  <span className={`mono${nameIsShared(n, listed) ? '' : ' muted'}`}>{shortId(n.id)}</span>
                  <span className="muted">{n.driver}</span>
                  <span className="faint">{n.created !== null ? <RelativeTime unixSeconds={n.created} /> : ''}</span>
                </li>
              ))}
            </ul>
          </>
        )
      ) : null}
      {s.phase === 'done' && s.result ? <RemovalResults results={s.result} label="Prune results" /> : null}
      <div className="ipanel-actions">
        <button type="button" className="btn" onClick={() => prune.getState().close()}>
          {s.phase === 'done' ? 'Close' : 'Cancel'}
        </button>
        {s.phase === 'preview' || s.phase === 'pruning' ? (
          <button
            type="button"
            className="btn btn--danger"
            disabled={s.phase === 'pruning' || refs.length === 0}
            onClick={() => void prune.getState().confirm()}
          >
            {s.phase === 'pruning' ? 'Removing…' : `Remove ${refs.length} ${refs.length === 1 ? 'network' : 'networks'}`}
          </button>
        ) : null}
      </div>
    </section>
  );
}
