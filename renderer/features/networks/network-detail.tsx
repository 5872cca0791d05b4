import { useStore } from 'zustand';
import { cliEquivalent } from '../../../shared/contract.js';
import type { NetworkSummary } from '../../../shared/network-types.js';
import { useStores } from '../../app/stores-context.js';
import { CloseIcon } from '../../components/icons.js';
import { RelativeTime } from '../../components/relative-time.js';
import { builtInNote } from './network-display.js';
import { useNetworkCliRef } from './use-network-cli-ref.js';
import { useNetworkTools } from './use-network-tools.js';

function Entries({ entries, empty, label }: { entries: Record<string, string>; empty: string; label: string }) {
  const list = Object.entries(entries);
  if (list.length === 0) return <p className="faint">{empty}</p>;
  return (
    <dl className="im-kv net-kv" aria-label={label}>
      {list.map(([k, v]) => (
        <div key={k} className="net-kv-row">
          <dt className="mono">{k}</dt>
          <dd className="mono">{v || '""'}</dd>
        </div>
      ))}
    </dl>
  );
}

/** The containers on a network, each with a disconnect that asks first. */
function Attached({ network }: { network: NetworkSummary }) {
  const { actions } = useNetworkTools();
  // The engine never moves a container off host or none: it has to be recreated.
  const fixed = network.builtIn && network.name !== 'bridge';
  if (network.containers.length === 0) return <p className="faint">No container is attached.</p>;
  return (
    <ul className="net-attached" aria-label={`Containers on ${network.name}`}>
      {network.containers.map((c) => (
        <li key={c.id} aria-label={c.name}>
          <span className={`net-dot${c.state === 'running' ? ' net-dot--running' : ''}`} aria-hidden="true" />
          <span className="primary net-attached-name">{c.name}</span>
          <span className="mono">
            {c.ipv4 ?? (
              <span className="faint">
                {network.builtIn && network.name === 'host'
                  ? 'host’s addresses'
                  : c.state === 'running'
                    ? 'no IPv4'
                    : `no address (${c.state})`}
              </span>
            )}
          </span>
          {fixed ? null : (
            <button
              type="button"
              className="btn btn--small btn--ghost im-btn--danger-ghost"
              aria-label={`Disconnect ${c.name}`}
              onClick={() => actions.getState().askDisconnect(network, c)}
            >
              Disconnect
            </button>
          )}
        </li>
      ))}
    </ul>
  );
}

/** The engine's inspect document, fetched when opened and again when the network changes. */
function InspectJson({ network }: { network: NetworkSummary }) {
  const { detail } = useNetworkTools();
  const inspect = useStore(detail, (s) => s.inspect);
  const open = useStore(detail, (s) => s.inspectOpen);
  const ref = useNetworkCliRef(network);
  return (
    <details className="im-json" open={open} onToggle={(e) => detail.getState().setInspectOpen(e.currentTarget.open)}>
      <summary>
        Inspect <span className="faint">{cliEquivalent('networks.inspect', { network: ref })}</span>
      </summary>
      {inspect.error ? <p className="im-field-error">{inspect.error}</p> : null}
      {inspect.json !== undefined ? (
        <pre>{JSON.stringify(inspect.json, null, 2)}</pre>
      ) : inspect.loading ? (
        <p className="muted">Loading…</p>
      ) : null}
    </details>
  );
}

export function NetworkDetailPane() {
  const { networks } = useStores();
  const { detail, actions } = useNetworkTools();
  const detailId = useStore(detail, (s) => s.detailId);
  const network = useStore(networks, (s) => s.items.find((n) => n.id === detailId));
  if (!network) return null;
  const note = builtInNote(network);
  return (
    <aside className="im-detail net-detail" aria-label={`Network ${network.name}`}>
      <header className="im-detail-head">
        <h2 title={network.name}>{network.name}</h2>
        <button
          type="button"
          className="btn btn--small btn--ghost"
          aria-label="Close network details"
          onClick={() => detail.getState().closeDetail()}
        >
          <CloseIcon />
        </button>
      </header>
      <div className="im-detail-body">
        {note ? <p className="im-teach">{note}</p> : null}
        <dl className="im-kv net-kv">
          <div className="net-kv-row">
            <dt>ID</dt>
            <dd className="mono net-break">{network.id}</dd>
          </div>
          <div className="net-kv-row">
            <dt>Driver</dt>
            <dd>
              {network.driver} <span className="faint">· scope {network.scope}</span>
            </dd>
          </div>
          {network.ipam.map((c, i) => (
            <div key={i} className="net-kv-row">
              <dt>Subnet</dt>
              <dd className="mono">
                {c.subnet ?? '—'}
                {c.gateway ? <span className="faint"> via {c.gateway}</span> : null}
                {c.ipRange ? <span className="faint"> range {c.ipRange}</span> : null}
              </dd>
            </div>
          ))}
          <div className="net-kv-row">
            <dt>Flags</dt>
            <dd>
              {[network.internal ? 'internal' : 'routed outside', network.attachable ? 'attachable' : null, network.ipv6 ? 'IPv6' : null]
                .filter(Boolean)
                .join(' · ')}
            </dd>
          </div>
          {network.created !== null ? (
            <div className="net-kv-row">
              <dt>Created</dt>
              <dd>
                <RelativeTime unixSeconds={network.created} />
              </dd>
            </div>
          ) : null}
        </dl>
        <div className="net-section-head">
          <h3>Containers</h3>
          {network.builtIn ? null : (
            <button type="button" className="btn btn--small" onClick={() => actions.getState().askConnect(network)}>
              Connect…
            </button>
          )}
        </div>
        <Attached network={network} />
        <h3>Options</h3>
        <Entries entries={network.options} empty="No driver options." label="Driver options" />
        <h3>Labels</h3>
        <Entries entries={network.labels} empty="No labels." label="Labels" />
        <InspectJson key={network.id} network={network} />
      </div>
    </aside>
  );
}
