import './containers.css';
import { useMemo, useState } from 'react';
import { useStore } from 'zustand';
import { useStores } from '../../app/stores-context.js';
import { ViewToolbar } from '../../components/view-toolbar.js';
import { RunContainerButton, RunFormHost } from '../run-form/run-form-dialog.js';
import { countRunning, filterContainers } from './container-filter.js';
import { ContainersTable } from './containers-table.js';
import { RemoveDialog } from './remove-dialog.js';
import { createContainerDetailStore } from '../container-detail/container-detail-store.js';
import { DetailPane } from '../container-detail/detail-pane.js';
import { BulkBar } from './bulk-bar.js';
import { BulkRemoveDialog } from './bulk-remove-dialog.js';
import { groupRows } from './compose-groups.js';
import { ContainersViewProvider, type ContainersViewStores } from './containers-view-context.js';
import { createContainerSelectionStore } from './container-selection-store.js';
import { ListBanners } from '../../components/list-banners.js';

export function ContainersView() {
  const { containers, ui } = useStores();
  const items = useStore(containers, (s) => s.items);
  const live = useStore(containers, (s) => s.live);
  const loaded = useStore(containers, (s) => s.loaded);
  const error = useStore(containers, (s) => s.error);
  const filter = useStore(ui, (s) => s.filters.containers);
  const [viewStores] = useState<ContainersViewStores>(() => ({
    selection: createContainerSelectionStore(),
    detail: createContainerDetailStore(),
  }));
  const collapsed = useStore(viewStores.selection, (s) => s.collapsed);
  const detailOpen = useStore(viewStores.detail, (s) => s.containerId !== null);
  const rows = useMemo(() => filterContainers(items, filter), [items, filter]);
  const listRows = useMemo(() => groupRows(rows, collapsed), [rows, collapsed]);
  const running = countRunning(items);

  const summary = loaded ? `${running} running · ${items.length} total${filter ? ` · ${rows.length} shown` : ''}` : 'Loading…';
  const empty = !loaded
    ? 'Loading containers…'
    : items.length === 0
      ? 'No containers yet. Create one with docker run.'
      : 'No container matches the filter.';

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
          actions={<RunContainerButton />}
        />
        <ListBanners what="containers" error={error} stale={loaded && !live} />
        <BulkBar items={items} />
        <div className={`containers-split${detailOpen ? ' containers-split--open' : ''}`}>
          <ContainersTable rows={listRows} stale={loaded && !live} empty={empty} />
          <DetailPane detail={viewStores.detail} />
        </div>
        <RemoveDialog />
        <BulkRemoveDialog />
        <RunFormHost />
      </section>
    </ContainersViewProvider>
  );
}
