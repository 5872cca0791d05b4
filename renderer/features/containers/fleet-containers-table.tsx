import { useStore } from 'zustand';
import type { Fleet } from '../../../shared/engines-contract.js';
import { CommandTargetProvider } from '../../components/command-target.js';
import { VirtualTable, type Column } from '../../components/virtual-table.js';
import { shortId } from '../../lib/short-id.js';
import { commandTargetOf } from '../engines/engines-store.js';
import { ContainerActionsCell } from './container-actions-cell.js';
import { containerColumns } from './containers-table.js';
import { useContainersView } from './containers-view-context.js';
import { fleetRowKey, type FleetContainerRow, type FleetContainersStore } from './fleet-containers-store.js';
import { RemoveDialog } from './remove-dialog.js';

function EngineCell({ row }: { row: FleetContainerRow }) {
  return (
    <div className="stack">
      <span className="primary" title={row.engineName}>
        {row.engineName}
      </span>
      {row.stale ? (
        <span className="fleet-row-stale" title={`Last seen before the engine dropped (${row.staleReason ?? 'stale'})`}>
          stale · {row.staleReason}
        </span>
      ) : null}
    </div>
  );
}

/** The name opens the detail pane on the page's current engine; on other engines it is plain text. */
function NameCell({ row, currentId }: { row: FleetContainerRow; currentId: string }) {
  const { detail } = useContainersView();
  const c = row.container;
  const id = (
    <span className="mono faint" title={c.id}>
      {shortId(c.id)}
    </span>
  );
  if (row.engineId !== currentId) {
    return (
      <div className="stack">
        <span className="primary" title={`${c.name} on ${row.engineName}: switch to that engine for its details`}>
          {c.name}
        </span>
        {id}
      </div>
    );
  }
  return (
    <div className="stack">
      <button type="button" className="name-btn primary" title={`Show details of ${c.name}`} onClick={() => detail.getState().open(c)}>
        {c.name}
      </button>
      {id}
    </div>
  );
}

function ActionsCell({
  row,
  store,
  fleet,
  currentId,
}: {
  row: FleetContainerRow;
  store: FleetContainersStore;
  fleet: Fleet | undefined;
  currentId: string;
}) {
  const source = store.getState().sourceOf(row.engineId);
  if (!source) return null;
  // A row on another engine opens its shells there, through that engine's client.
  const engine = row.engineId !== currentId && source.link ? { id: row.engineId, name: row.engineName, ...source.link } : undefined;
  return (
    <CommandTargetProvider target={commandTargetOf(fleet, row.engineId)}>
      <ContainerActionsCell container={row.container} actions={source.actions} {...(engine ? { engine } : {})} />
    </CommandTargetProvider>
  );
}

const reused = new Set(['image', 'state', 'status', 'created', 'ports']);

function fleetColumns(store: FleetContainersStore, fleet: Fleet | undefined, currentId: string): readonly Column<FleetContainerRow>[] {
  return [
    { key: 'engine', header: 'Engine', minWidth: 110, grow: 0.6, cell: (r) => <EngineCell row={r} /> },
    { key: 'name', header: 'Name', minWidth: 120, grow: 1.5, cell: (r) => <NameCell row={r} currentId={currentId} /> },
    ...containerColumns
      .filter((col) => reused.has(col.key))
      .map((col): Column<FleetContainerRow> => ({ ...col, cell: (r) => col.cell(r.container) })),
    {
      key: 'actions',
      header: 'Actions',
      minWidth: 120,
      grow: 0,
      align: 'end',
      cell: (r) => <ActionsCell row={r} store={store} fleet={fleet} currentId={currentId} />,
    },
  ];
}

const rowLabel = (r: FleetContainerRow): string => `${r.container.name} on ${r.engineName}`;
const rowClassName = (r: FleetContainerRow): string => `row--${r.container.state}${r.stale ? ' row--stale' : ''}`;
const sameRow = (a: FleetContainerRow, b: FleetContainerRow): boolean => a === b;

/** The combined list: every engine's containers with the engine as a column; a stale engine's rows greyed, the others live. */
export function FleetContainersTable({
  store,
  rows,
  fleet,
  currentId,
  empty,
}: {
  store: FleetContainersStore;
  rows: readonly FleetContainerRow[];
  fleet: Fleet | undefined;
  currentId: string;
  empty: string;
}) {
  const columns = fleetColumns(store, fleet, currentId);
  const sources = useStore(store, (s) => s.sources);
  return (
    <>
      <VirtualTable
        label="Containers on all engines"
        columns={columns}
        rows={rows}
        rowKey={fleetRowKey}
        rowLabel={rowLabel}
        rowClassName={rowClassName}
        sameRow={sameRow}
        rowHeight={52}
        empty={empty}
      />
      {/* Removing on another engine asks in that engine's dialog, its command naming that engine. */}
      {sources
        .filter((s) => !s.current)
        .map((s) => (
          <CommandTargetProvider key={s.engineId} target={commandTargetOf(fleet, s.engineId)}>
            <RemoveDialog actions={s.actions} />
          </CommandTargetProvider>
        ))}
    </>
  );
}
