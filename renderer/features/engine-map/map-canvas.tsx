import type { CSSProperties } from 'react';
import { useStore } from 'zustand';
import type { MapContainer } from '../../../shared/engine-map-types.js';
import { formatSize } from '../../lib/format-size.js';
import { plural } from '../../lib/plural.js';
import type { EngineMapStore, WritableRead } from './engine-map-store.js';
import { columnLeft, mapGeometry } from './map-geometry.js';
import { boxTitle, middleEllipsis, type LayerBox, type MapLayout } from './map-layout.js';

const { rowHeight, gap, columnWidth, imageWidth } = mapGeometry;

const changeMark = { added: 'A', changed: 'C', deleted: 'D' } as const;

/** One line for a writable layer: its files as `docker diff` marks them. */
export function writableLine(read: WritableRead | undefined): string {
  if (!read || (read.loading && !read.value)) return 'reading docker diff…';
  if (read.error && !read.value) return `could not read: ${read.error}`;
  const layer = read.value!;
  if (layer.total === 0) return 'empty: nothing changed';
  return layer.changes
    .slice(0, 4)
    .map((c) => `${changeMark[c.kind]} ${c.path}`)
    .join('  ');
}

function LayerBoxView({ box, store, selected }: { box: LayerBox; store: EngineMapStore; selected: boolean }) {
  const size = box.size === null ? 'size unknown' : formatSize(box.size);
  const held = box.rows > 1 ? ` · ${box.rows} images` : '';
  const style: CSSProperties = {
    left: columnLeft(box.column),
    top: box.row * rowHeight,
    width: columnWidth,
    height: box.rows * rowHeight - gap,
  };
  const title = box.layers.map((l) => l.createdBy || l.diffId).join('\n');
  return (
    <button
      type="button"
      className={`map-layer${box.rows > 1 ? ' map-layer--shared' : ''}${box.fresh ? ' map-layer--fresh' : ''}${selected ? ' map-layer--selected' : ''}`}
      style={style}
      data-layer={box.key}
      data-images={box.rows}
      title={title}
      aria-label={`${boxTitle(box)}, ${size}${box.rows > 1 ? `, shared by ${box.rows} images` : ''}${box.fresh ? ', new' : ''}`}
      onClick={() => store.getState().select({ kind: 'layer', key: box.key })}
    >
      <span className="map-layer-title">{boxTitle(box)}</span>
      <span className="map-layer-meta">
        {size}
        {held}
        {box.fresh ? <strong className="map-new"> new</strong> : null}
      </span>
    </button>
  );
}

function ContainerChip({ container, store }: { container: MapContainer; store: EngineMapStore }) {
  const read = useStore(store, (s) => s.writable[container.id]);
  const selected = useStore(store, (s) => s.selected?.kind === 'container' && s.selected.id === container.id);
  const line = writableLine(read);
  return (
    <button
      type="button"
      className={`map-container map-container--${container.state}${selected ? ' map-container--selected' : ''}`}
      aria-label={`Container ${container.name}, ${container.state}`}
      onClick={() => store.getState().select({ kind: 'container', id: container.id })}
    >
      <span className="map-container-name">
        <span className="badge-dot" aria-hidden="true" />
        {container.name}
      </span>
      <span className="map-writable" title={line} data-writable={container.name}>
        {read?.value && read.value.total > 0 ? <span className="map-writable-count">{plural(read.value.total, 'change')}</span> : null}
        {line}
      </span>
    </button>
  );
}

/** The map drawn: layer boxes on a grid, one row per image, containers right of their image. */
export function MapCanvas({ layout, store }: { layout: MapLayout; store: EngineMapStore }) {
  const selected = useStore(store, (s) => s.selected);
  const freshImages = useStore(store, (s) => s.fresh.images);
  const imageLeft = columnLeft(layout.columns);
  const width = imageLeft + imageWidth + gap + Math.max(1, ...layout.rows.map((r) => r.containers.length)) * (columnWidth + 40 + gap);
  return (
    <div
      className="map-canvas"
      style={{ width, height: layout.rows.length * rowHeight }}
      role="group"
      aria-label="Layers, images and containers"
    >
      {layout.rows.map((row) => (
        <div
          key={`line-${row.image.id}`}
          className="map-connector"
          aria-hidden="true"
          style={{
            left: columnLeft(row.endColumn),
            width: imageLeft - columnLeft(row.endColumn),
            top: row.row * rowHeight + (rowHeight - gap) / 2,
          }}
        />
      ))}
      {layout.boxes.map((box) => (
        <LayerBoxView key={box.key} box={box} store={store} selected={selected?.kind === 'layer' && selected.key === box.key} />
      ))}
      {layout.rows.map((row) => (
        <div key={row.image.id} className="map-image-row" style={{ top: row.row * rowHeight, left: imageLeft, height: rowHeight - gap }}>
          <button
            type="button"
            className={`map-image${freshImages.has(row.image.id) ? ' map-image--fresh' : ''}${
              selected?.kind === 'image' && selected.id === row.image.id ? ' map-image--selected' : ''
            }`}
            style={{ width: imageWidth }}
            aria-label={`Image ${row.label}`}
            onClick={() => store.getState().select({ kind: 'image', id: row.image.id })}
          >
            <span className="map-image-name" title={row.label}>
              {middleEllipsis(row.label, 30)}
            </span>
            <span className="map-image-meta">
              {row.image.unreadable
                ? `layers unknown: ${row.image.unreadable}`
                : `${plural(row.image.chain.length, 'layer')} · ${formatSize(row.image.size)}`}
              {row.image.committedFrom ? ` · from ${row.image.committedFrom.containerName}` : ''}
            </span>
          </button>
          {row.containers.map((c) => (
            <ContainerChip key={c.id} container={c} store={store} />
          ))}
        </div>
      ))}
    </div>
  );
}
