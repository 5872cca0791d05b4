import { SelectionBar } from '../../components/selection-bar.js';
import { useEffect, useMemo } from 'react';
import { useStore } from 'zustand';
import { cliEquivalent } from '../../../shared/contract.js';
import type { NetworkSummary } from '../../../shared/network-types.js';
import { useStores } from '../../app/stores-context.js';
import { ListBanners } from '../../components/list-banners.js';
import { RelativeTime } from '../../components/relative-time.js';
import { ViewToolbar } from '../../components/view-toolbar.js';
import { VirtualTable, type Column } from '../../components/virtual-table.js';
import { shortId } from '../../lib/short-id.js';
import { NetworkDetailPane } from './network-detail.js';
import { NetworkDialogs } from './network-dialogs.js';
import { builtInNote, builtInShortNote, filterNetworks, gatewaysOf, subnetsOf } from './network-display.js';
import { NetworkPrunePanel } from './network-prune-panel.js';
import { useNetworkCliRef } from './use-network-cli-ref.js';
import { useNetworkTools } from './use-network-tools.js';
import '../images/images-tools.css';
import './networks.css';

function SelectCell({ row }: { row: NetworkSummary }) {
  const { selection } = useNetworkTools();
  const selected = useStore(selection, (s) => s.selected.has(row.id));
  if (row.builtIn) return <span />;
  return (
    <input
      type="checkbox"
      className="row-check"
      aria-label={`Select ${row.name}`}
      checked={selected}
      onChange={() => selection.getState().toggle(row.id)}
    />
  );
}

function NameCell({ row }: { row: NetworkSummary }) {
  const { detail } = useNetworkTools();
  const note = builtInNote(row);
  return (
    <div className="net-name">
      <div className="net-name-line">
        <button
          type="button"
          className="cell-link primary"
          title={`Show details of ${row.name}`}
          onClick={() => detail.getState().showDetail(row.id)}
        >
          {row.name}
        </button>
        {row.builtIn ? <span className="net-flag net-flag--builtin">built in</span> : null}
        {row.internal ? (
          <span className="net-flag" title="No route outside: containers on it reach only each other">
            internal
          </span>
        ) : null}
        {row.attachable ? <span className="net-flag">attachable</span> : null}
      </div>
      {note ? (
        <div className="net-note" title={note}>
          {builtInShortNote(row)}
        </div>
      ) : null}
    </div>
  );
}

const shownChips = 2;

function ContainersCell({ row }: { row: NetworkSummary }) {
  if (row.containers.length === 0) return <span className="faint">none</span>;
  const extra = row.containers.length - shownChips;
  return (
    <div className="net-chips" aria-label={`Containers on ${row.name}`}>
      {row.containers.slice(0, shownChips).map((c) => (
        <span
          key={c.id}
          className={`net-chip${c.state === 'running' ? ' net-chip--running' : ''}`}
          title={`${c.name} (${c.state})${c.ipv4 ? ` at ${c.ipv4}` : ''}`}
        >
          <span className="net-chip-name">{c.name}</span>
          {c.ipv4 ? (
            <span className="net-chip-ip mono">{c.ipv4}</span>
          ) : row.builtIn && row.name === 'host' ? (
            <span className="net-chip-ip">host IPs</span>
          ) : null}
        </span>
      ))}
      {extra > 0 ? <span className="faint">+{extra} more</span> : null}
    </div>
  );
}

function RowActions({ row }: { row: NetworkSummary }) {
  const { actions } = useNetworkTools();
  const ref = useNetworkCliRef(row);
  if (row.builtIn) return <span className="faint net-builtin-hint">cannot be removed</span>;
  return (
    <div className="row-actions">
      <button
        type="button"
        className="btn btn--small btn--ghost"
        title={cliEquivalent('networks.connect', { network: ref, container: 'CONTAINER' })}
        onClick={() => actions.getState().askConnect(row)}
      >
        Connect…
      </button>
      <button
        type="button"
        className="btn btn--small btn--ghost im-btn--danger-ghost"
        title={cliEquivalent('networks.remove', { network: ref })}
        onClick={() => actions.getState().askRemove(row)}
      >
        Remove
      </button>
    </div>
  );
}

const columns: readonly Column<NetworkSummary>[] = [
  { key: 'select', header: '', minWidth: 22, grow: 0, cell: (r) => <SelectCell row={r} /> },
  { key: 'name', header: 'Name', minWidth: 160, grow: 2.4, cell: (r) => <NameCell row={r} /> },
  {
    key: 'id',
    header: 'Network ID',
    minWidth: 104,
    grow: 0,
    priority: 1,
    cell: (r) => (
      <span className="mono muted" title={r.id}>
        {shortId(r.id)}
      </span>
    ),
  },
  {
    key: 'driver',
    header: 'Driver',
    minWidth: 76,
    grow: 0.6,
    priority: 2,
    cell: (r) => (
      <span className="muted" title={`scope: ${r.scope}`}>
        {r.driver}
      </span>
    ),
  },
  {
    key: 'subnet',
    header: 'Subnet · gateway',
    minWidth: 140,
    grow: 1.3,
    priority: 4,
    cell: (r) => {
      const subnet = subnetsOf(r);
      const gateway = gatewaysOf(r);
      if (!subnet) return <span className="faint">—</span>;
      return (
        <div className="net-subnet">
          <span className="mono">{subnet}</span>
          {gateway ? <span className="mono faint">gw {gateway}</span> : null}
        </div>
      );
    },
  },
  { key: 'containers', header: 'Containers', minWidth: 170, grow: 2, cell: (r) => <ContainersCell row={r} /> },
  {
    key: 'created',
    header: 'Created',
    minWidth: 112,
    grow: 0.8,
    priority: 3,
    cell: (r) => <span className="muted">{r.created !== null ? <RelativeTime unixSeconds={r.created} /> : '—'}</span>,
  },
  { key: 'actions', header: '', minWidth: 156, grow: 0, align: 'end', cell: (r) => <RowActions row={r} /> },
];

const networkIdOf = (n: NetworkSummary): string => n.id;

function BulkBar({ items }: { items: readonly NetworkSummary[] }) {
  const { selection, actions } = useNetworkTools();
  return (
    <SelectionBar items={items} keyOf={networkIdOf} selection={selection} label="Selected networks">
      {(selected) => (
        <button type="button" className="btn btn--small btn--danger" onClick={() => actions.getState().askRemoveMany(selected)}>
          Remove selected
        </button>
      )}
    </SelectionBar>
  );
}

export function NetworksView() {
  const { networks, ui } = useStores();
  const tools = useNetworkTools();
  const items = useStore(networks, (s) => s.items);
  const live = useStore(networks, (s) => s.live);
  const loaded = useStore(networks, (s) => s.loaded);
  const error = useStore(networks, (s) => s.error);
  const filter = useStore(ui, (s) => s.filters.networks);
  const detailId = useStore(tools.detail, (s) => s.detailId);
  const prunePhase = useStore(tools.prune, (s) => s.phase);
  const rows = useMemo(() => filterNetworks(items, filter), [items, filter]);
  // The network shown in the pane went away (removed here or in another shell): close the pane.
  useEffect(() => {
    if (loaded && detailId !== null && !items.some((n) => n.id === detailId)) tools.detail.getState().closeDetail();
  }, [items, loaded, detailId, tools]);

  const userDefined = items.filter((n) => !n.builtIn).length;
  const attached = items.reduce((sum, n) => sum + n.containers.length, 0);
  const summary = loaded
    ? `${items.length} ${items.length === 1 ? 'network' : 'networks'} · ${userDefined} user-defined · ${attached} ${attached === 1 ? 'attachment' : 'attachments'}${filter ? ` · ${rows.length} shown` : ''}`
    : 'Loading…';
  const empty = !loaded ? 'Loading networks…' : items.length === 0 ? 'No networks.' : 'No network matches the filter.';

  return (
    <section className="view" aria-labelledby="networks-title">
      <ViewToolbar
        title="Networks"
        titleId="networks-title"
        summary={summary}
        filter={filter}
        filterLabel="Filter networks"
        onFilter={(text) => ui.getState().setFilter('networks', text)}
        actions={
          <>
            <button
              type="button"
              className={`btn btn--small${prunePhase !== 'closed' ? ' btn--on' : ''}`}
              aria-pressed={prunePhase !== 'closed'}
              onClick={() => (prunePhase === 'closed' ? void tools.prune.getState().open() : tools.prune.getState().close())}
            >
              Prune unused…
            </button>
            <button type="button" className="btn btn--small btn--primary" onClick={() => tools.create.getState().openForm()}>
              Create network…
            </button>
          </>
        }
      />
      <NetworkPrunePanel />
      <BulkBar items={items} />
      <NetworkDialogs />
      <ListBanners what="networks" error={error} stale={loaded && !live} />
      <div className="images-split">
        <VirtualTable
          label="Networks"
          columns={columns}
          rows={rows}
          rowKey={(r) => r.id}
          rowLabel={(r) => r.name}
          rowClassName={(r) => (r.id === detailId ? 'row--selected' : '')}
          rowHeight={52}
          stale={loaded && !live}
          empty={empty}
        />
        <NetworkDetailPane />
      </div>
    </section>
  );
}
