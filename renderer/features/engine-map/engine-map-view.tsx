import './engine-map.css';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useStore } from 'zustand';
import { useStores } from '../../app/stores-context.js';
import { ViewToolbar } from '../../components/view-toolbar.js';
import { ListBanners } from '../../components/list-banners.js';
import { formatSize } from '../../lib/format-size.js';
import { plural } from '../../lib/plural.js';
import { engineMapStore } from './engine-map-feature.js';
import type { EngineMapStore } from './engine-map-store.js';
import { layoutMap, type MapLayout } from './map-layout.js';
import { rowsInView } from './map-geometry.js';
import { MapCanvas } from './map-canvas.js';
import { MapDetail } from './map-detail.js';

/** Keeps the store told which containers are on screen, so only their writable layers are read. */
function useShownContainers(store: EngineMapStore, layout: MapLayout | null) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const [view, setView] = useState({ top: 0, height: 0 });
  useEffect(() => {
    const element = scrollRef.current;
    if (!element) return;
    const measure = (): void => setView({ top: element.scrollTop, height: element.clientHeight });
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    element.addEventListener('scroll', measure, { passive: true });
    measure();
    return () => {
      observer.disconnect();
      element.removeEventListener('scroll', measure);
    };
  }, [layout === null]);
  useEffect(() => {
    if (!layout || view.height === 0) return;
    const [first, last] = rowsInView(view.top, view.height, layout.rows.length);
    store.getState().showContainers(layout.rows.slice(first, last + 1).flatMap((r) => r.containers.map((c) => c.id)));
  }, [store, layout, view]);
  return scrollRef;
}

export function EngineMapView() {
  const { features, ui } = useStores();
  const store = features.get(engineMapStore);
  const map = useStore(store, (s) => s.map);
  const error = useStore(store, (s) => s.error);
  const expanded = useStore(store, (s) => s.expanded);
  const fresh = useStore(store, (s) => s.fresh);
  const selected = useStore(store, (s) => s.selected);
  const filter = useStore(ui, (s) => s.filters.map);

  useEffect(() => {
    store.getState().start();
    return () => store.getState().stop();
  }, [store]);

  const layout = useMemo(() => (map ? layoutMap(map, { filter, expanded, fresh: fresh.layers }) : null), [map, filter, expanded, fresh]);
  const scrollRef = useShownContainers(store, layout);

  const shared = map ? countShared(map.images.map((i) => i.chain)) : 0;
  const summary = map
    ? `${plural(map.images.length, 'image')} · ${plural(map.layers.length, 'layer')} (${shared} shared) · ${plural(map.containers.length, 'container')}${
        layout && layout.hidden > 0 ? ` · ${layout.rows.length} shown` : ''
      } · ${formatSize(map.layers.reduce((sum, l) => sum + (l.size ?? 0), 0))} on disk`
    : 'Loading…';

  return (
    <section className="view engine-map" aria-labelledby="engine-map-title">
      <ViewToolbar
        title="Engine map"
        titleId="engine-map-title"
        summary={summary}
        filter={filter}
        filterLabel="Filter the map by image or container"
        onFilter={(text) => ui.getState().setFilter('map', text)}
      />
      <ListBanners what="images and containers" error={error} stale={map !== null && !map.live} />
      <p className="map-legend">
        Base layers on the left; each image stacks its layers to the right. A layer several images hold is stored once, and drawn once
        across their rows. Containers sit beside their image with their <strong>writable layer</strong>: what <code>docker diff</code>{' '}
        lists. <code>docker commit</code> turns that layer into a new image&apos;s top layer.
      </p>
      <div className={`map-split${selected ? ' map-split--open' : ''}`}>
        <div className="map-scroll" ref={scrollRef}>
          {!layout ? (
            <p className="faint map-empty">Reading images and their layers…</p>
          ) : layout.rows.length === 0 ? (
            <p className="faint map-empty">
              {map && map.images.length > 0 ? 'No image or container matches the filter.' : 'No images yet.'}
            </p>
          ) : (
            <MapCanvas layout={layout} store={store} />
          )}
        </div>
        {selected && map ? <MapDetail store={store} map={map} layout={layout} /> : null}
      </div>
    </section>
  );
}

/** Layers held by more than one image. */
function countShared(chains: readonly string[][]): number {
  const holders = new Map<string, number>();
  for (const chain of chains) for (const c of chain) holders.set(c, (holders.get(c) ?? 0) + 1);
  return [...holders.values()].filter((n) => n > 1).length;
}
