import { SelectionBar } from '../../components/selection-bar.js';
import { useEffect, useMemo } from 'react';
import { useStore } from 'zustand';
import { useStores } from '../../app/stores-context.js';
import { ListBanners } from '../../components/list-banners.js';
import { RelativeTime } from '../../components/relative-time.js';
import { ViewToolbar } from '../../components/view-toolbar.js';
import { VirtualTable, type Column } from '../../components/virtual-table.js';
import { formatSize } from '../../lib/format-size.js';
import { hashOf } from '../layout/ui-store.js';
import { CreateVolumeDialog, RemoveVolumesDialog } from './volume-dialogs.js';
import { VolumeDetailPane } from './volume-detail.js';
import { VolumePrunePanel } from './volume-prune-panel.js';
import { filterVolumes, type VolumeRow } from './volume-rows.js';
import { useVolumeTools } from './use-volume-tools.js';
import { useEngineFeatureOff } from '../engines/use-engine-feature.js';
// Only the shared look, used as the other lists use it: row tick boxes, row actions and the bulk
// bar (containers.css); the action bar, list-and-pane split, selected row and ghost danger button
// (images-tools.css). Everything that is the Volumes view's own is in volumes-view.css.
import '../containers/containers.css';
import '../images/images-tools.css';
import './volume-user-chips.css';
import './volumes-view.css';

function SelectCell({ row }: { row: VolumeRow }) {
  const { selection } = useVolumeTools();
  const selected = useStore(selection, (s) => s.selected.has(row.name));
  return (
    <input
      type="checkbox"
      className="row-check"
      aria-label={`Select ${row.name}`}
      checked={selected}
      onChange={() => selection.getState().toggle(row.name)}
    />
  );
}

function NameCell({ row }: { row: VolumeRow }) {
  const { detail } = useVolumeTools();
  return (
    <div className="stack">
      <button
        type="button"
        className={`cell-link ${row.anonymous ? 'mono vol-anon' : 'primary vol-name'}`}
        title={`${row.name}: show details`}
        onClick={() => detail.getState().select(row.name)}
      >
        {row.shortName}
      </button>
      {row.anonymous ? <span className="faint vol-sub">anonymous</span> : null}
    </div>
  );
}

function LabelsCell({ row }: { row: VolumeRow }) {
  const all = Object.entries(row.labels).map(([k, v]) => (v ? `${k}=${v}` : k));
  if (all.length === 0) return <span className="faint">—</span>;
  return (
    <span className="vol-labels" title={all.join('\n')}>
      {row.project ? <span className="tag vol-project">compose: {row.project}</span> : null}
      {row.otherLabels.slice(0, row.project ? 1 : 2).map(([k, v]) => (
        <span key={k} className="tag">
          {v ? `${k}=${v}` : k}
        </span>
      ))}
      {row.otherLabels.length > (row.project ? 1 : 2) ? (
        <span className="faint">+{row.otherLabels.length - (row.project ? 1 : 2)}</span>
      ) : null}
    </span>
  );
}

/** The containers mounting the volume; each opens the containers view filtered to it. */
function UsedByCell({ row }: { row: VolumeRow }) {
  const { ui } = useStores();
  if (row.usedBy.length === 0) return <span className="faint vol-unused">unused</span>;
  return (
    <span className="vol-users">
      {row.usedBy.map((u) => (
        <a
          key={u.id}
          href={hashOf('containers')}
          className={`vol-user vol-user--${u.state}`}
          title={`${u.name} (${u.state}) mounts it at ${u.destination}${u.readOnly ? ', read-only' : ''}. Show it in Containers.`}
          onClick={() => ui.getState().setFilter('containers', u.name)}
        >
          <span className="badge-dot" aria-hidden="true" />
          {u.name}
        </a>
      ))}
    </span>
  );
}

function SizeCell({ row }: { row: VolumeRow }) {
  const { sizes } = useVolumeTools();
  const measured = useStore(sizes, (s) => s.measuredAt !== null);
  const size = useStore(sizes, (s) => s.sizes[row.name]);
  if (!measured) return <span className="faint">—</span>;
  if (size === undefined)
    return (
      <span className="faint" title="Created after the last measurement">
        new
      </span>
    );
  return size === null ? (
    <span className="faint" title="The engine could not tell">
      n/a
    </span>
  ) : (
    <span className="mono">{formatSize(size)}</span>
  );
}

function RowActions({ row }: { row: VolumeRow }) {
  const { remove } = useVolumeTools();
  return (
    <div className="row-actions">
      <button
        type="button"
        className="btn btn--small btn--ghost im-btn--danger-ghost"
        aria-label={`Remove ${row.name}`}
        onClick={() => remove.getState().ask([row])}
      >
        Remove
      </button>
    </div>
  );
}

const columns: readonly Column<VolumeRow>[] = [
  { key: 'select', header: '', minWidth: 22, grow: 0, cell: (r) => <SelectCell row={r} /> },
  { key: 'name', header: 'Name', minWidth: 150, grow: 2.4, cell: (r) => <NameCell row={r} /> },
  { key: 'usedBy', header: 'Used by', minWidth: 140, grow: 1.8, cell: (r) => <UsedByCell row={r} /> },
  {
    key: 'driver',
    header: 'Driver',
    minWidth: 84,
    grow: 0,
    priority: 3,
    cell: (r) => (
      <div className="stack">
        <span className="muted">{r.driver}</span>
        <span className="faint vol-sub">{r.scope} scope</span>
      </div>
    ),
  },
  { key: 'labels', header: 'Labels', minWidth: 150, grow: 1.3, priority: 2, cell: (r) => <LabelsCell row={r} /> },
  {
    key: 'created',
    header: 'Created',
    minWidth: 110,
    grow: 0.8,
    priority: 4,
    cell: (r) => <span className="muted">{r.created !== null ? <RelativeTime unixSeconds={r.created} /> : '—'}</span>,
  },
  {
    key: 'mountpoint',
    header: 'Mountpoint',
    minWidth: 150,
    grow: 0.9,
    priority: 1,
    cell: (r) => <span className="mono faint vol-path" title={r.mountpoint}>{`\u200e${r.mountpoint}\u200e`}</span>,
  },
  { key: 'size', header: 'Size', minWidth: 64, grow: 0, align: 'end', cell: (r) => <SizeCell row={r} /> },
  { key: 'actions', header: '', minWidth: 84, grow: 0, align: 'end', cell: (r) => <RowActions row={r} /> },
];

function SizesButton() {
  const { sizes } = useVolumeTools();
  const s = useStore(sizes, (x) => x);
  const sizesOff = useEngineFeatureOff('diskUsage');
  return (
    <>
      <button
        type="button"
        className="btn btn--small"
        disabled={s.measuring || sizesOff !== undefined}
        title={
          sizesOff ??
          'Asks the engine for its disk usage (docker system df -v). This can take a while on a big host, so Berth never does it by itself.'
        }
        aria-describedby={sizesOff ? 'volume-sizes-off' : undefined}
        onClick={() => void sizes.getState().measure()}
      >
        {s.measuring ? 'Measuring…' : s.measuredAt === null ? 'Measure sizes' : 'Measure again'}
      </button>
      {sizesOff ? (
        <span id="volume-sizes-off" className="faint">
          {sizesOff}
        </span>
      ) : null}
      {s.measuredAt !== null ? (
        <span className="faint vol-measured" role="status" title={new Date(s.measuredAt).toLocaleString()}>
          Sizes measured at {new Date(s.measuredAt).toLocaleTimeString()}; they do not follow changes until you measure again.
        </span>
      ) : null}
      {s.error ? (
        <span className="im-field-error" role="alert">
          Could not measure sizes: {s.error}
        </span>
      ) : null}
    </>
  );
}

const volumeNameOf = (v: VolumeRow): string => v.name;

function BulkBar({ items }: { items: readonly VolumeRow[] }) {
  const { selection, remove } = useVolumeTools();
  return (
    <SelectionBar items={items} keyOf={volumeNameOf} selection={selection} label="Selected volumes">
      {(selected) => (
        <button type="button" className="btn btn--small btn--danger" onClick={() => remove.getState().ask(selected)}>
          Remove selected
        </button>
      )}
    </SelectionBar>
  );
}

function EmptyVolumes() {
  const { create } = useVolumeTools();
  return (
    <div className="vol-empty">
      <p className="vol-empty-title">No volumes yet</p>
      <p>
        A volume is storage the engine keeps apart from any container: what a container writes there is still there after the container is
        removed, and the next container can mount it again. Databases, recorded bags and caches belong in one.
      </p>
      <button type="button" className="btn btn--primary btn--small" onClick={() => create.getState().openDialog()}>
        Create volume…
      </button>
    </div>
  );
}

/** After a create that found the name taken by a volume of the same driver: the engine kept that one as it was. */
function AlreadyExistedNote() {
  const { create } = useVolumeTools();
  const created = useStore(create, (s) => s.created);
  if (!created?.alreadyExisted) return null;
  return (
    <div role="status" className="banner banner--stale vol-note">
      <span>
        A volume named <span className="mono">{created.name}</span> already existed. The engine kept it as it was, with its files, labels
        and options (<code>docker volume create</code> does the same); nothing new was made.
      </span>
      <button type="button" className="btn btn--small" onClick={() => create.setState({ created: null })}>
        OK
      </button>
    </div>
  );
}

export function VolumesView() {
  const { volumes, ui } = useStores();
  const tools = useVolumeTools();
  const items = useStore(volumes, (s) => s.items);
  const live = useStore(volumes, (s) => s.live);
  const loaded = useStore(volumes, (s) => s.loaded);
  const error = useStore(volumes, (s) => s.error);
  const filter = useStore(ui, (s) => s.filters.volumes);
  const pruneOpen = useStore(tools.prune, (s) => s.phase !== 'closed');
  const rows = useMemo(() => filterVolumes(items, filter), [items, filter]);
  const selectedName = useStore(tools.detail, (s) => s.selected);
  const selected = selectedName === null ? undefined : items.find((v) => v.name === selectedName);
  // The open volume went away (removed here or in another shell): close its pane.
  useEffect(() => {
    if (loaded && selectedName !== null && !items.some((v) => v.name === selectedName)) tools.detail.getState().close();
  }, [items, loaded, selectedName, tools]);
  const unused = items.filter((v) => v.usedBy.length === 0).length;

  const summary = loaded
    ? `${items.length} ${items.length === 1 ? 'volume' : 'volumes'} · ${unused} unused${filter ? ` · ${rows.length} shown` : ''}`
    : 'Loading…';
  const empty = !loaded ? 'Loading volumes…' : items.length === 0 ? <EmptyVolumes /> : 'No volume matches the filter.';

  return (
    <section className="view" aria-labelledby="volumes-title">
      <ViewToolbar
        title="Volumes"
        titleId="volumes-title"
        summary={summary}
        filter={filter}
        filterLabel="Filter volumes"
        onFilter={(text) => ui.getState().setFilter('volumes', text)}
        actions={
          <button type="button" className="btn btn--primary" onClick={() => tools.create.getState().openDialog()}>
            Create volume…
          </button>
        }
      />
      <div className="image-actionbar vol-actionbar" role="toolbar" aria-label="Volume actions">
        <button
          type="button"
          className={`btn btn--small${pruneOpen ? ' btn--on' : ''}`}
          aria-pressed={pruneOpen}
          onClick={() => (pruneOpen ? tools.prune.getState().close() : void tools.prune.getState().open())}
        >
          Prune unused…
        </button>
        <SizesButton />
      </div>
      {pruneOpen ? <VolumePrunePanel /> : null}
      <AlreadyExistedNote />
      <ListBanners what="volumes" error={error} stale={loaded && !live} />
      <BulkBar items={items} />
      <div className="images-split">
        <VirtualTable
          label="Volumes"
          columns={columns}
          rows={rows}
          rowKey={(r) => r.name}
          rowLabel={(r) => r.name}
          rowClassName={(r) => `${r.usedBy.length === 0 ? 'row--unused' : ''}${r.name === selectedName ? ' row--selected' : ''}`}
          rowHeight={44}
          stale={loaded && !live}
          empty={empty}
        />
        {selected ? <VolumeDetailPane volume={selected} /> : null}
      </div>
      <CreateVolumeDialog />
      <RemoveVolumesDialog />
    </section>
  );
}
