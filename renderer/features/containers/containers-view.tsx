import './containers.css';
import { useEffect, useId, useMemo, useState } from 'react';
import { useStore } from 'zustand';
import { useStores } from '../../app/stores-context.js';
import { ViewToolbar } from '../../components/view-toolbar.js';
import { RunContainerButton, RunFormHost } from '../run-form/run-form-dialog.js';
import { useRunForm } from '../run-form/use-run-form.js';
import { countRunning, filterContainers } from './container-filter.js';
import { ContainersTable } from './containers-table.js';
import { RemoveDialog } from './remove-dialog.js';
import { createContainerDetailStore } from '../container-detail/container-detail-store.js';
import { DetailPane } from '../container-detail/detail-pane.js';
import { BulkBar } from './bulk-bar.js';
import { BulkRemoveDialog } from './bulk-remove-dialog.js';
import { groupRows } from './compose-groups.js';
import { ContainersViewProvider, type ContainersViewStores } from './containers-view-context.js';
import { createContainerSelectionStore, followContainerReveals } from './container-selection-store.js';
import { ListBanners } from '../../components/list-banners.js';
import { useOptionalEngines } from '../engines/engines-context.js';
import type { EnginesStore } from '../engines/engines-store.js';
import { createFleetContainersStore, rowsOfEngine, type FleetContainersStore } from './fleet-containers-store.js';
import { FleetContainersTable } from './fleet-containers-table.js';
import { filterFleetRows } from './fleet-rows-filter.js';

/** Which engines the view lists: the current one (the page's engine), all of them, or one of them in the combined list. */
type EngineScope = { kind: 'current' } | { kind: 'fleet'; engineId?: string };

function EmptyContainers() {
  const form = useRunForm();
  return (
    <div className="containers-empty">
      <p className="containers-empty-title">No containers yet</p>
      <p>
        A container is a program started from an image, with its own files, processes and network, kept apart from the rest of the machine.
        Run one from an image the engine has, or one it pulls.
      </p>
      <button type="button" className="btn btn--primary btn--small" onClick={() => form.getState().openForm()}>
        Run your first container…
      </button>
    </div>
  );
}

function ScopePicker({ engines, scope, onScope }: { engines: EnginesStore; scope: EngineScope; onScope(scope: EngineScope): void }) {
  const id = useId();
  const fleet = useStore(engines, (s) => s.fleet);
  const currentId = useStore(engines, (s) => s.currentId);
  if (!fleet || fleet.engines.length < 2) return null;
  const current = fleet.engines.find((e) => e.spec.id === currentId);
  const value = scope.kind === 'current' ? 'current' : (scope.engineId ?? '*');
  return (
    <label className="containers-scope" htmlFor={id}>
      <span>Show</span>
      <select
        id={id}
        value={value}
        onChange={(e) => {
          const v = e.currentTarget.value;
          onScope(v === 'current' ? { kind: 'current' } : v === '*' ? { kind: 'fleet' } : { kind: 'fleet', engineId: v });
        }}
      >
        <option value="current">{current?.spec.name ?? 'This engine'} only</option>
        <option value="*">All engines</option>
        {fleet.engines.map((e) => (
          <option key={e.spec.id} value={e.spec.id}>
            All engines: {e.spec.name}
          </option>
        ))}
      </select>
    </label>
  );
}

/** The combined list's store, made while the view shows it and disposed (its streams closed) when it does not. */
function useFleetContainers(engines: EnginesStore | null, active: boolean): FleetContainersStore | null {
  const { client, containers, containerActions, activity } = useStores();
  const [store, setStore] = useState<FleetContainersStore | null>(null);
  useEffect(() => {
    if (!engines || !active) return;
    const made = createFleetContainersStore({
      client,
      engines,
      activity,
      current: { engineId: engines.getState().currentId, containers, containerActions },
    });
    setStore(made);
    return () => {
      made.dispose();
      setStore(null);
    };
  }, [engines, active, client, containers, containerActions, activity]);
  return store;
}

function FleetSummary({ store }: { store: FleetContainersStore }) {
  const rows = useStore(store, (s) => s.rows);
  const engines = new Set(rows.map((r) => r.engineId)).size;
  const stale = rows.filter((r) => r.stale).length;
  return (
    <>
      {rows.length} on {engines} {engines === 1 ? 'engine' : 'engines'}
      {stale > 0 ? ` · ${stale} stale` : ''}
    </>
  );
}

function FleetList({
  store,
  engines,
  engineId,
  filter,
}: {
  store: FleetContainersStore;
  engines: EnginesStore;
  engineId: string | undefined;
  filter: string;
}) {
  const allRows = useStore(store, (s) => s.rows);
  const fleet = useStore(engines, (s) => s.fleet);
  const currentId = useStore(engines, (s) => s.currentId);
  const rows = useMemo(() => filterFleetRows(rowsOfEngine(allRows, engineId), filter), [allRows, engineId, filter]);
  const empty = allRows.length === 0 ? 'No containers on any engine yet.' : 'No container matches the filter.';
  return <FleetContainersTable store={store} rows={rows} fleet={fleet} currentId={currentId} empty={empty} />;
}

export function ContainersView() {
  const { containers, ui, containerReveal } = useStores();
  const engines = useOptionalEngines();
  const items = useStore(containers, (s) => s.items);
  const live = useStore(containers, (s) => s.live);
  const loaded = useStore(containers, (s) => s.loaded);
  const error = useStore(containers, (s) => s.error);
  const filter = useStore(ui, (s) => s.filters.containers);
  const [scope, setScope] = useState<EngineScope>({ kind: 'current' });
  const fleetStore = useFleetContainers(engines, scope.kind === 'fleet');
  const [viewStores] = useState<ContainersViewStores>(() => ({
    selection: createContainerSelectionStore(),
    detail: createContainerDetailStore(),
  }));
  // A new container from Run is selected and shown (H3: after any run, the new container's detail).
  useEffect(() => followContainerReveals(containerReveal, (c) => viewStores.detail.getState().open(c)), [containerReveal, viewStores]);
  const collapsed = useStore(viewStores.selection, (s) => s.collapsed);
  const detailOpen = useStore(viewStores.detail, (s) => s.containerId !== null);
  const rows = useMemo(() => filterContainers(items, filter), [items, filter]);
  const listRows = useMemo(() => groupRows(rows, collapsed), [rows, collapsed]);
  const running = countRunning(items);

  const fleetShown = scope.kind === 'fleet' && fleetStore && engines;
  const summary = fleetShown ? (
    <FleetSummary store={fleetStore} />
  ) : loaded ? (
    `${running} running · ${items.length} total${filter ? ` · ${rows.length} shown` : ''}`
  ) : (
    'Loading…'
  );
  const empty = !loaded ? 'Loading containers…' : items.length === 0 ? <EmptyContainers /> : 'No container matches the filter.';

  return (
    <ContainersViewProvider value={viewStores}>
      <section className="view" aria-labelledby="containers-title">
        <ViewToolbar
          title="Containers"
          titleId="containers-title"
          summary={summary}
          filter={filter}
          filterLabel="Filter containers"
          onFilter={(text) => ui.getState().setFilter('containers', text)}
          actions={
            <>
              {engines ? <ScopePicker engines={engines} scope={scope} onScope={setScope} /> : null}
              <RunContainerButton />
            </>
          }
        />
        <ListBanners what="containers" error={error} stale={loaded && !live} />
        {fleetShown ? null : <BulkBar items={items} />}
        <div className={`containers-split${detailOpen ? ' containers-split--open' : ''}`}>
          {fleetShown ? (
            <FleetList store={fleetStore} engines={engines} engineId={scope.engineId} filter={filter} />
          ) : (
            <ContainersTable rows={listRows} stale={loaded && !live} empty={empty} />
          )}
          <DetailPane detail={viewStores.detail} />
        </div>
        <RemoveDialog />
        <BulkRemoveDialog />
        <RunFormHost />
      </section>
    </ContainersViewProvider>
  );
}
