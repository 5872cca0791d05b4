import './containers.css';
import { useMemo } from 'react';
import { useStore } from 'zustand';
import { useStores } from '../../app/stores-context.js';
import { ViewToolbar } from '../../components/view-toolbar.js';
import { RunContainerButton, RunFormHost } from '../run-form/run-form-dialog.js';
import { countRunning, filterContainers } from './container-filter.js';
import { ContainersTable } from './containers-table.js';
import { RemoveDialog } from './remove-dialog.js';

export function ContainersView() {
  const { containers, ui } = useStores();
  const items = useStore(containers, (s) => s.items);
  const live = useStore(containers, (s) => s.live);
  const loaded = useStore(containers, (s) => s.loaded);
  const error = useStore(containers, (s) => s.error);
  const filter = useStore(ui, (s) => s.filters.containers);
  const rows = useMemo(() => filterContainers(items, filter), [items, filter]);
  const running = countRunning(items);

  const summary = loaded ? `${running} running · ${items.length} total${filter ? ` · ${rows.length} shown` : ''}` : 'Loading…';
  const empty = !loaded ? 'Loading containers…' : items.length === 0 ? 'No containers yet. Create one with docker run.' : 'No container matches the filter.';

  return (
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
      {error ? (
        <div role="alert" className="banner banner--error">
          Could not list containers: {error}
        </div>
      ) : null}
      {loaded && !live ? (
        <div role="status" className="banner banner--stale">
          Reloading after the connection came back — the rows below may be out of date.
        </div>
      ) : null}
      <ContainersTable rows={rows} stale={loaded && !live} empty={empty} />
      <RemoveDialog />
      <RunFormHost />
    </section>
  );
}
