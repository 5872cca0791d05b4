import type { ReactNode } from 'react';
import type { ContainerSummary } from '../../../shared/engine-types.js';
import { useStore } from 'zustand';
import { useStores } from '../../app/stores-context.js';
import { ChevronIcon } from '../../components/icons.js';
import { RelativeTime } from '../../components/relative-time.js';
import { VirtualTable, type Column } from '../../components/virtual-table.js';
import { shortId } from '../../lib/short-id.js';
import { imageName } from './image-name.js';
import { ContainerActionsCell } from './container-actions-cell.js';
import { formatPorts } from './format-ports.js';
import { StateCell } from './state-badge.js';
import { rowKey, sameListRow, type ListRow } from './compose-groups.js';
import { useContainersView } from './containers-view-context.js';
import { ContainerStatsCell } from '../container-stats/container-stats-cell.js';
import { ContainerStatsProvider } from '../container-stats/container-stats-context.js';
import { useContainerStatsWatch } from '../container-stats/use-container-stats-watch.js';

/** The columns of one container's row; the all-engines list reuses them. */
export const containerColumns: readonly Column<ContainerSummary>[] = [
  {
    key: 'name',
    header: 'Name',
    minWidth: 120,
    grow: 1.5,
    cell: (c) => (
      <div className="stack">
        <span className="primary" title={c.name}>
          {c.name}
        </span>
        <span className="mono faint" title={c.id}>
          {shortId(c.id)}
        </span>
      </div>
    ),
  },
  {
    key: 'image',
    header: 'Image',
    minWidth: 100,
    grow: 1.2,
    // Never dropped: with the detail pane open the list still says what each container runs.
    cell: (c) => (
      <span className="mono" title={c.image}>
        {imageName(c.image)}
      </span>
    ),
  },
  {
    key: 'command',
    header: 'Command',
    minWidth: 80,
    grow: 1.1,
    priority: 1,
    cell: (c) => (
      <span className="mono muted" title={c.command}>
        {c.command}
      </span>
    ),
  },
  { key: 'state', header: 'State', minWidth: 120, grow: 0, cell: (c) => <StateCell container={c} /> },
  { key: 'stats', header: 'CPU · Memory', minWidth: 150, grow: 0, priority: 6, cell: (c) => <ContainerStatsCell container={c} /> },
  {
    key: 'status',
    header: 'Status',
    minWidth: 96,
    grow: 1.2,
    priority: 4,
    cell: (c) => (
      <span className="muted" title={c.status}>
        {c.status}
      </span>
    ),
  },
  {
    key: 'created',
    header: 'Created',
    minWidth: 124,
    grow: 0.3,
    priority: 3,
    cell: (c) => (
      <span className="muted">
        <RelativeTime unixSeconds={c.created} />
      </span>
    ),
  },
  {
    key: 'ports',
    header: 'Ports',
    minWidth: 60,
    grow: 0.7,
    priority: 2,
    cell: (c) => {
      const ports = formatPorts(c.ports);
      return ports ? (
        <span className="mono muted" title={ports}>
          {ports}
        </span>
      ) : (
        <span className="faint">—</span>
      );
    },
  },
  { key: 'actions', header: 'Actions', minWidth: 176, grow: 0, align: 'end', cell: (c) => <ContainerActionsCell container={c} /> },
];

/** A Compose project's header row: fold/unfold, and Start all / Stop all. */
function GroupName({ row }: { row: Extract<ListRow, { kind: 'group' }> }) {
  const { selection } = useContainersView();
  return (
    <button
      type="button"
      className="group-toggle"
      title={`Compose project ${row.project} · ${row.containers.length} containers`}
      aria-expanded={!row.collapsed}
      aria-label={`${row.collapsed ? 'Expand' : 'Collapse'} project ${row.project}`}
      onClick={() => selection.getState().toggleCollapsed(row.project)}
    >
      <ChevronIcon className={`group-chevron${row.collapsed ? '' : ' group-chevron--open'}`} />
      <span className="primary">{row.project}</span>
      <span className="faint">Compose · {row.containers.length}</span>
    </button>
  );
}

function GroupActions({ row }: { row: Extract<ListRow, { kind: 'group' }> }) {
  const { containerActions } = useStores();
  const actions = containerActions.getState();
  const startable = row.containers.some((c) => c.state === 'created' || c.state === 'exited');
  const stoppable = row.containers.some((c) => c.state === 'running' || c.state === 'paused' || c.state === 'restarting');
  return (
    <div className="row-actions">
      <button
        type="button"
        className="btn btn--small"
        aria-label={`Start all in ${row.project}`}
        disabled={!startable}
        onClick={() => void actions.startMany(row.containers)}
      >
        Start all
      </button>
      <button
        type="button"
        className="btn btn--small"
        aria-label={`Stop all in ${row.project}`}
        disabled={!stoppable}
        onClick={() => void actions.stopMany(row.containers)}
      >
        Stop all
      </button>
    </div>
  );
}

function SelectCell({ row }: { row: ListRow }) {
  const { selection } = useContainersView();
  const selected = useStore(selection, (s) => s.selected);
  if (row.kind === 'group') {
    const ids = row.containers.map((c) => c.id);
    const all = ids.every((id) => selected.has(id));
    return (
      <input
        type="checkbox"
        className="row-check"
        aria-label={`Select project ${row.project}`}
        checked={all}
        onChange={(e) => selection.getState().setMany(ids, e.currentTarget.checked)}
      />
    );
  }
  const c = row.container;
  return (
    <input
      type="checkbox"
      className="row-check"
      aria-label={`Select ${c.name}`}
      checked={selected.has(c.id)}
      onChange={() => selection.getState().toggle(c.id)}
    />
  );
}

function NameCell({ c }: { c: ContainerSummary }) {
  const { detail } = useContainersView();
  const open = useStore(detail, (s) => s.containerId === c.id);
  return (
    <div className="stack">
      <button
        type="button"
        className={`name-btn primary${open ? ' name-btn--open' : ''}`}
        title={`Show details of ${c.name}`}
        aria-label={c.name}
        aria-pressed={open}
        onClick={() => detail.getState().open(c)}
      >
        {c.name}
      </button>
      <span className="mono faint" title={c.id}>
        {shortId(c.id)}
      </span>
    </div>
  );
}

const columns: readonly Column<ListRow>[] = [
  { key: 'select', header: '', minWidth: 22, grow: 0, cell: (r) => <SelectCell row={r} /> },
  ...containerColumns.map((col): Column<ListRow> => ({
    ...col,
    cell: (r) => {
      if (r.kind === 'container') return col.key === 'name' ? <NameCell c={r.container} /> : col.cell(r.container);
      if (col.key === 'name') return <GroupName row={r} />;
      if (col.key === 'actions') return <GroupActions row={r} />;
      if (col.key === 'state') {
        const running = r.containers.filter((c) => c.state === 'running').length;
        return (
          <span className="muted">
            {running}/{r.containers.length} running
          </span>
        );
      }
      return null;
    },
  })),
];

const containerOfRow = (r: ListRow) => (r.kind === 'container' ? r.container : undefined);
const rowLabel = (r: ListRow): string => (r.kind === 'group' ? `Compose project ${r.project}` : r.container.name);
const rowClassName = (r: ListRow): string =>
  r.kind === 'group' ? 'row--group' : `row--${r.container.state}${r.project ? ' row--member' : ''}`;

/** Rows are memoized: a patch that changes one container draws that row's cells again, not the others'. */
export function ContainersTable({ rows, stale, empty }: { rows: readonly ListRow[]; stale: boolean; empty: ReactNode }) {
  const stats = useContainerStatsWatch(containerOfRow);
  return (
    <ContainerStatsProvider value={stats.store}>
      <VirtualTable
        label="Containers"
        columns={columns}
        rows={rows}
        rowKey={rowKey}
        rowLabel={rowLabel}
        rowClassName={rowClassName}
        sameRow={sameListRow}
        rowHeight={52}
        stale={stale}
        empty={empty}
        onVisibleRows={stats.show}
      />
    </ContainerStatsProvider>
  );
}
