import { useMemo } from 'react';
import { useStore } from 'zustand';
import { useStores } from '../../app/stores-context.js';
import { RelativeTime } from '../../components/relative-time.js';
import { ViewToolbar } from '../../components/view-toolbar.js';
import { VirtualTable, type Column } from '../../components/virtual-table.js';
import { formatSize } from '../../lib/format-size.js';
import { filterImages } from './image-filter.js';
import { totalSize, type ImageRow } from './image-rows.js';

const columns: readonly Column<ImageRow>[] = [
  {
    key: 'repository',
    header: 'Repository',
    minWidth: 150,
    grow: 2.2,
    cell: (r) => <span className={r.dangling ? 'faint mono' : 'primary'} title={r.repository}>{r.repository}</span>,
  },
  {
    key: 'tag',
    header: 'Tag',
    minWidth: 70,
    grow: 1,
    cell: (r) => <span className={r.tag === '<none>' ? 'faint mono' : 'tag'} title={r.tag}>{r.tag}</span>,
  },
  { key: 'id', header: 'Image ID', minWidth: 112, grow: 0, cell: (r) => <span className="mono muted" title={r.imageId}>{r.shortId}</span> },
  { key: 'created', header: 'Created', minWidth: 110, grow: 1, priority: 1, cell: (r) => <span className="muted"><RelativeTime unixSeconds={r.created} /></span> },
  { key: 'size', header: 'Size', minWidth: 70, grow: 0, align: 'end', cell: (r) => <span className="mono">{formatSize(r.size)}</span> },
];

export function ImagesView() {
  const { images, ui } = useStores();
  const items = useStore(images, (s) => s.items);
  const live = useStore(images, (s) => s.live);
  const loaded = useStore(images, (s) => s.loaded);
  const error = useStore(images, (s) => s.error);
  const filter = useStore(ui, (s) => s.filters.images);
  const rows = useMemo(() => filterImages(items, filter), [items, filter]);
  const total = useMemo(() => totalSize(items), [items]);

  const summary = loaded ? `${items.length} ${items.length === 1 ? 'image' : 'images'} · ${formatSize(total)}${filter ? ` · ${rows.length} shown` : ''}` : 'Loading…';
  const empty = !loaded ? 'Loading images…' : items.length === 0 ? 'No images yet. Pull one with docker pull.' : 'No image matches the filter.';

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
      {error ? (
        <div role="alert" className="banner banner--error">
          Could not list images: {error}
        </div>
      ) : null}
      {loaded && !live ? (
        <div role="status" className="banner banner--stale">
          Reloading after the connection came back — the rows below may be out of date.
        </div>
      ) : null}
      <VirtualTable
        label="Images"
        columns={columns}
        rows={rows}
        rowKey={(r) => r.key}
        rowLabel={(r) => r.label}
        rowClassName={(r) => (r.dangling ? 'row--dangling' : '')}
        rowHeight={40}
        stale={loaded && !live}
        empty={empty}
      />
    </section>
  );
}
