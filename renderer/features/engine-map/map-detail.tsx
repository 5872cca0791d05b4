import { useStore } from 'zustand';
import type { EngineMap } from '../../../shared/engine-map-types.js';
import { formatSize } from '../../lib/format-size.js';
import { plural } from '../../lib/plural.js';
import { shortId } from '../../lib/short-id.js';
import { ContainerLink, ImageLink } from '../engine-events/object-links.js';
import type { EngineMapStore } from './engine-map-store.js';
import { imageLabel, type MapLayout } from './map-layout.js';

const kindWord = { added: 'added', changed: 'changed', deleted: 'deleted' } as const;

function LayerDetail({
  store,
  map,
  layout,
  layerKey,
}: {
  store: EngineMapStore;
  map: EngineMap;
  layout: MapLayout | null;
  layerKey: string;
}) {
  const box = layout?.boxes.find((b) => b.key === layerKey);
  if (!box) return <p className="faint">This layer is not on the map any more (its images went, or the filter hides them).</p>;
  const holders = map.images.filter((i) => i.chain.includes(layerKey));
  const canToggle = box.folded || box.expandedRun !== undefined;
  return (
    <>
      <h2 className="map-detail-title">{box.folded ? `${box.layers.length} layers` : 'Layer'}</h2>
      {canToggle ? (
        <button type="button" className="btn btn--small" onClick={() => store.getState().toggleExpanded(box.expandedRun ?? box.key)}>
          {box.folded ? 'Show each layer' : 'Fold these layers'}
        </button>
      ) : null}
      <ol className="map-detail-layers">
        {box.layers.map((l) => (
          <li key={l.chainId}>
            <code className="map-detail-instruction">{l.createdBy || '(instruction unknown)'}</code>
            <span className="faint mono">
              {l.size === null ? 'size unknown' : formatSize(l.size)} · diff {shortId(l.diffId)}
            </span>
          </li>
        ))}
      </ol>
      <h3 className="map-detail-sub">Held by {plural(holders.length, 'image')}</h3>
      <ul className="map-detail-list">
        {holders.map((i) => (
          <li key={i.id}>
            <ImageLink imageId={i.id} label={imageLabel(i)}>
              {imageLabel(i)}
            </ImageLink>
          </li>
        ))}
      </ul>
      {holders.length > 1 ? <p className="faint">Stored once on disk, whatever the number of images that hold it.</p> : null}
    </>
  );
}

function ImageDetail({ map, imageId }: { map: EngineMap; imageId: string }) {
  const image = map.images.find((i) => i.id === imageId);
  if (!image) return <p className="faint">This image was removed.</p>;
  const containers = map.containers.filter((c) => c.imageId === imageId);
  return (
    <>
      <h2 className="map-detail-title">{imageLabel(image)}</h2>
      <p className="mono faint">{shortId(image.id)}</p>
      <p>
        {plural(image.chain.length, 'layer')} · {formatSize(image.size)}
        {image.tags.length > 1 ? ` · also ${image.tags.slice(1).join(', ')}` : ''}
      </p>
      {image.committedFrom ? (
        <p>
          Committed from container{' '}
          <ContainerLink name={image.committedFrom.containerName}>{image.committedFrom.containerName}</ContainerLink>: its writable layer
          became this image&apos;s top layer.
        </p>
      ) : null}
      {image.unreadable ? <p className="faint">Layers unknown: {image.unreadable}</p> : null}
      <p>
        <ImageLink imageId={image.id} label={imageLabel(image)}>
          Open in Images
        </ImageLink>
      </p>
      <h3 className="map-detail-sub">{plural(containers.length, 'container')} on it</h3>
      <ul className="map-detail-list">
        {containers.map((c) => (
          <li key={c.id}>
            <ContainerLink name={c.name}>{c.name}</ContainerLink> <span className="faint">{c.state}</span>
          </li>
        ))}
      </ul>
    </>
  );
}

function ContainerDetail({ store, map, containerId }: { store: EngineMapStore; map: EngineMap; containerId: string }) {
  const read = useStore(store, (s) => s.writable[containerId]);
  const container = map.containers.find((c) => c.id === containerId);
  if (!container) return <p className="faint">This container was removed, and its writable layer with it.</p>;
  const image = map.images.find((i) => i.id === container.imageId);
  const layer = read?.value;
  return (
    <>
      <h2 className="map-detail-title">{container.name}</h2>
      <p>
        {container.state} · on{' '}
        {image ? (
          <ImageLink imageId={image.id} label={imageLabel(image)}>
            {imageLabel(image)}
          </ImageLink>
        ) : (
          container.image
        )}
      </p>
      <p>
        <ContainerLink name={container.name}>Show in Containers</ContainerLink>
      </p>
      <h3 className="map-detail-sub">
        Writable layer <code>docker diff {container.name}</code>
      </h3>
      <button
        type="button"
        className="btn btn--small"
        disabled={read?.loading}
        onClick={() => store.getState().refreshWritable(containerId)}
      >
        {read?.loading ? 'Reading…' : 'Read again'}
      </button>
      {read?.error ? <p role="alert">Could not read it: {read.error}</p> : null}
      {layer ? (
        layer.total === 0 ? (
          <p className="faint">Nothing changed: a commit now would add an empty layer.</p>
        ) : (
          <>
            <ul className="map-detail-changes" aria-label={`Writable layer of ${container.name}`}>
              {layer.changes.map((c) => (
                <li key={c.path} className={`map-change map-change--${c.kind}`}>
                  <span className="mono">{c.path}</span> <span className="faint">{kindWord[c.kind]}</span>
                </li>
              ))}
            </ul>
            {layer.total > layer.changes.length ? (
              <p className="faint">
                {layer.changes.length} of {layer.total} shown; the container&apos;s Changes tab lists them all.
              </p>
            ) : null}
          </>
        )
      ) : null}
    </>
  );
}

/** The pane beside the map: what the selected layer, image or container is, with links to its view. */
export function MapDetail({ store, map, layout }: { store: EngineMapStore; map: EngineMap; layout: MapLayout | null }) {
  const selected = useStore(store, (s) => s.selected);
  if (!selected) return null;
  return (
    <aside className="map-detail" aria-label="Selected on the map">
      <button
        type="button"
        className="btn btn--small btn--ghost map-detail-close"
        aria-label="Close"
        onClick={() => store.getState().select(null)}
      >
        ×
      </button>
      {selected.kind === 'layer' ? <LayerDetail store={store} map={map} layout={layout} layerKey={selected.key} /> : null}
      {selected.kind === 'image' ? <ImageDetail map={map} imageId={selected.id} /> : null}
      {selected.kind === 'container' ? <ContainerDetail store={store} map={map} containerId={selected.id} /> : null}
    </aside>
  );
}
