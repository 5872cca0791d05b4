import type { ReactNode } from 'react';
import { useStore } from 'zustand';
import { useStores } from '../../app/stores-context.js';
import {
  BookIcon,
  BoxIcon,
  CylinderIcon,
  LayersIcon,
  MapIcon,
  NetworkIcon,
  PlugIcon,
  PulseIcon,
  StackIcon,
} from '../../components/icons.js';
import { useOptionalEngines } from '../engines/engines-context.js';
import type { EnginesStore } from '../engines/engines-store.js';
import { countRunning } from '../containers/container-filter.js';
import { hashOf, viewTitles, type ViewName } from './ui-store.js';

function NavLink({ view, count, extra, icon }: { view: ViewName; count: number | null; extra?: string; icon: ReactNode }) {
  const current = useStore(useStores().ui, (s) => s.view) === view;
  return (
    <a href={hashOf(view)} className={`nav-link${current ? ' nav-link--current' : ''}`} aria-current={current ? 'page' : undefined}>
      {icon}
      <span className="nav-label">{viewTitles[view]}</span>
      {extra ? (
        <span className="nav-extra" title={extra}>
          {extra}
        </span>
      ) : null}
      {count !== null ? <span className="nav-count">{count}</span> : null}
    </a>
  );
}

/** The fleet view's entry, counting engines (only where the engines store is provided). */
function EnginesNavLink() {
  const engines = useOptionalEngines();
  return engines ? <EnginesNavLinkCounted engines={engines} /> : null;
}

function EnginesNavLinkCounted({ engines }: { engines: EnginesStore }) {
  const count = useStore(engines, (s) => s.fleet?.engines.length ?? null);
  const down = useStore(engines, (s) => s.fleet?.engines.filter((e) => e.state !== 'connected').length ?? 0);
  return <NavLink view="engines" icon={<PlugIcon />} count={count} extra={down > 0 ? `${down} down` : undefined} />;
}

export function SideNav() {
  const { containers, images, volumes, networks } = useStores();
  const containerItems = useStore(containers, (s) => s.items);
  const containersLoaded = useStore(containers, (s) => s.loaded);
  const imageCount = useStore(images, (s) => s.items.length);
  const imagesLoaded = useStore(images, (s) => s.loaded);
  const volumeCount = useStore(volumes, (s) => s.items.length);
  const volumesLoaded = useStore(volumes, (s) => s.loaded);
  const networkCount = useStore(networks, (s) => s.items.length);
  const networksLoaded = useStore(networks, (s) => s.loaded);
  const running = countRunning(containerItems);
  return (
    <nav className="side-nav" aria-label="Sections">
      <NavLink
        view="containers"
        icon={<BoxIcon />}
        count={containersLoaded ? containerItems.length : null}
        extra={containersLoaded && running > 0 ? `${running} running` : undefined}
      />
      <NavLink view="images" icon={<LayersIcon />} count={imagesLoaded ? imageCount : null} />
      <NavLink view="volumes" icon={<CylinderIcon />} count={volumesLoaded ? volumeCount : null} />
      <NavLink view="networks" icon={<NetworkIcon />} count={networksLoaded ? networkCount : null} />
      <NavLink view="stacks" icon={<StackIcon />} count={null} />
      <NavLink view="map" icon={<MapIcon />} count={null} />
      <NavLink view="events" icon={<PulseIcon />} count={null} />
      <NavLink view="learn" icon={<BookIcon />} count={null} />
      <EnginesNavLink />
    </nav>
  );
}
