import { useEffect, useMemo } from 'react';
import { useStore } from 'zustand';
import { streamCliEquivalent } from '../../../shared/contract.js';
import { formatCommand } from '../../../shared/shell-command.js';
import { useStores } from '../../app/stores-context.js';
import { RelativeTime } from '../../components/relative-time.js';
import { ViewToolbar } from '../../components/view-toolbar.js';
import { VirtualTable, type Column } from '../../components/virtual-table.js';
import { formatSize } from '../../lib/format-size.js';
import { RunFormHost } from '../run-form/run-form-dialog.js';
import { useRunForm } from '../run-form/use-run-form.js';
import { BuildPanel } from './build-panel.js';
import { ImageDetailPane } from './image-detail.js';
import { filterImages } from './image-filter.js';
import { ImageDialogs, PrunePanel, RegistriesPanel } from './image-panels.js';
import { totalSize, type ImageRow } from './image-rows.js';
import type { ImageTools, ImagesPanel } from './image-tools-stores.js';
import { PullPanel, TransferCards } from './transfer-cards.js';
import { useImageTools } from './use-image-tools.js';
import './images-tools.css';
import { ListBanners } from '../../components/list-banners.js';

const columns: readonly Column<ImageRow>[] = [
  {
    key: 'repository',
    header: 'Repository',
    minWidth: 150,
    grow: 2.2,
    cell: (r) => <SelectCell row={r} />,
  },
  {
    key: 'tag',
    header: 'Tag',
    minWidth: 70,
    grow: 1,
    cell: (r) => (
      <span className={r.tag === '<none>' ? 'faint mono' : 'tag'} title={r.tag}>
        {r.tag}
      </span>
    ),
  },
  {
    key: 'id',
    header: 'Image ID',
    minWidth: 112,
    grow: 0,
    priority: 2,
    cell: (r) => (
      <span className="mono muted" title={r.imageId}>
        {r.shortId}
      </span>
    ),
  },
  {
    key: 'created',
    header: 'Created',
    minWidth: 110,
    grow: 1,
    priority: 1,
    cell: (r) => (
      <span className="muted">
        <RelativeTime unixSeconds={r.created} />
      </span>
    ),
  },
  { key: 'size', header: 'Size', minWidth: 70, grow: 0, align: 'end', cell: (r) => <span className="mono">{formatSize(r.size)}</span> },
  { key: 'actions', header: '', minWidth: 236, grow: 0, align: 'end', cell: (r) => <ImageRowActions row={r} /> },
];

/** What `docker rmi`, `docker tag` and `docker push` are given for a row. */
function rowTarget(r: ImageRow): string {
  return r.tag === '<none>' ? r.imageId : `${r.repository}:${r.tag}`;
}

function SelectCell({ row }: { row: ImageRow }) {
  const { detail } = useImageTools();
  return (
    <button
      type="button"
      className={`cell-link ${row.dangling ? 'faint mono' : 'primary'}`}
      title={`Show layers, relations and inspect for ${row.label}`}
      onClick={() => detail.getState().select(row.imageId, row.tag === '<none>' ? row.label : rowTarget(row))}
    >
      {row.repository}
    </button>
  );
}

function ImageRowActions({ row }: { row: ImageRow }) {
  const { actions, transfers } = useImageTools();
  const runForm = useRunForm();
  const tagged = row.tag !== '<none>';
  return (
    <div className="row-actions">
      <button
        type="button"
        className="btn btn--small btn--ghost"
        title={`${formatCommand(['docker', 'run', rowTarget(row)])} …`}
        onClick={() => runForm.getState().openForm({ image: rowTarget(row) })}
      >
        Run
      </button>
      <button type="button" className="btn btn--small btn--ghost" onClick={() => actions.getState().askTag(rowTarget(row), row.label)}>
        Tag
      </button>
      <button
        type="button"
        className="btn btn--small btn--ghost"
        disabled={!tagged}
        title={
          tagged ? streamCliEquivalent('images.push', { reference: rowTarget(row) }) : 'Tag the image first: a push needs repository:tag'
        }
        onClick={() => transfers.getState().push(rowTarget(row))}
      >
        Push
      </button>
      <button
        type="button"
        className="btn btn--small btn--ghost im-btn--danger-ghost"
        onClick={() => actions.getState().askRemove(rowTarget(row), row.label)}
      >
        Remove
      </button>
    </div>
  );
}

const panelButtons: ReadonlyArray<{ id: NonNullable<ImagesPanel>; label: string }> = [
  { id: 'pull', label: 'Pull…' },
  { id: 'build', label: 'Build…' },
  { id: 'prune', label: 'Prune…' },
  { id: 'registries', label: 'Registries' },
];

function ImagesActionBar({ tools }: { tools: ImageTools }) {
  const panel = useStore(tools.ui, (s) => s.panel);
  return (
    <div className="image-actionbar" role="toolbar" aria-label="Image actions">
      {panelButtons.map((b) => (
        <button
          key={b.id}
          type="button"
          className={`btn btn--small${panel === b.id ? ' btn--on' : ''}`}
          aria-pressed={panel === b.id}
          onClick={() => tools.ui.getState().setPanel(panel === b.id ? null : b.id)}
        >
          {b.label}
        </button>
      ))}
    </div>
  );
}

function ImagesPanelArea({ tools }: { tools: ImageTools }) {
  const panel = useStore(tools.ui, (s) => s.panel);
  const close = (): void => tools.ui.getState().setPanel(null);
  if (panel === 'pull') return <PullPanel onClose={close} />;
  if (panel === 'build') return <BuildPanel onClose={close} />;
  if (panel === 'prune') return <PrunePanel onClose={close} />;
  if (panel === 'registries') return <RegistriesPanel onClose={close} />;
  return null;
}

export function ImagesView() {
  const { images, ui } = useStores();
  const tools = useImageTools();
  const selectedId = useStore(tools.detail, (s) => s.selected?.imageId ?? null);
  const panel = useStore(tools.ui, (s) => s.panel);
  const items = useStore(images, (s) => s.items);
  const live = useStore(images, (s) => s.live);
  const loaded = useStore(images, (s) => s.loaded);
  const error = useStore(images, (s) => s.error);
  const filter = useStore(ui, (s) => s.filters.images);
  const rows = useMemo(() => filterImages(items, filter), [items, filter]);
  const total = useMemo(() => totalSize(items), [items]);
  // The selected image went away (removed here or in another shell): close its pane.
  useEffect(() => {
    if (loaded && selectedId !== null && !items.some((r) => r.imageId === selectedId)) tools.detail.getState().close();
  }, [items, loaded, selectedId, tools]);

  const summary = loaded
    ? `${items.length} ${items.length === 1 ? 'image' : 'images'} · ${formatSize(total)}${filter ? ` · ${rows.length} shown` : ''}`
    : 'Loading…';
  const empty = !loaded
    ? 'Loading images…'
    : items.length === 0
      ? 'No images yet. Pull one with Pull… (docker pull).'
      : 'No image matches the filter.';

  return (
    <section className="view" aria-labelledby="images-title">
      <ViewToolbar
        title="Images"
        titleId="images-title"
        summary={summary}
        filter={filter}
        filterLabel="Filter images"
        onFilter={(text) => ui.getState().setFilter('images', text)}
      />
      <ImagesActionBar tools={tools} />
      <ImagesPanelArea tools={tools} />
      <TransferCards />
      <ImageDialogs />
      <RunFormHost />
      <ListBanners what="images" error={error} stale={loaded && !live} />
      <div className={`images-split${panel === 'build' ? ' images-split--hidden' : ''}`}>
        <VirtualTable
          label="Images"
          columns={columns}
          rows={rows}
          rowKey={(r) => r.key}
          rowLabel={(r) => r.label}
          rowClassName={(r) => `${r.dangling ? 'row--dangling' : ''}${r.imageId === selectedId ? ' row--selected' : ''}`}
          rowHeight={40}
          stale={loaded && !live}
          empty={empty}
        />
        <ImageDetailPane />
      </div>
    </section>
  );
}
