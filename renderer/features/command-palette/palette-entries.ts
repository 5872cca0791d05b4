import type { ContainerSummary } from '../../../shared/engine-types.js';
import type { FleetEngine } from '../../../shared/engines-contract.js';
import type { NetworkSummary } from '../../../shared/network-types.js';
import type { ImageRow } from '../images/image-rows.js';
import { viewNames, viewTitles, type ViewName } from '../layout/ui-store.js';
import type { ThemeChoice } from '../settings/settings-store.js';
import type { VolumeRow } from '../volumes/volume-rows.js';

export type PaletteGroup = 'Go to' | 'Actions' | 'Containers' | 'Images' | 'Volumes' | 'Networks' | 'Engines';
export const paletteGroups: readonly PaletteGroup[] = ['Go to', 'Actions', 'Containers', 'Images', 'Volumes', 'Networks', 'Engines'];

export interface PaletteEntry {
  /** Unique; also what cmdk matches on besides the keywords. */
  id: string;
  group: PaletteGroup;
  label: string;
  /** More words it is found by (a container's image, an engine's address). */
  keywords: string[];
  /** A short second line: state, image, address. */
  hint?: string;
  run(): void;
}

/** What the palette lists. */
export interface PaletteSources {
  containers: readonly ContainerSummary[];
  images: readonly ImageRow[];
  volumes: readonly VolumeRow[];
  networks: readonly NetworkSummary[];
  engines: readonly FleetEngine[];
  currentEngineId: string | undefined;
}

/** A row to find in a view: the view is shown, its filter set to `filter`, the row focused, then `then` done. */
export interface RowTarget {
  view: ViewName;
  filter: string;
  rowName: string;
  then: 'open' | 'shell' | 'remove' | 'focus';
}

/** What running an entry does; the palette's host wires each to the stores. */
export interface PaletteCommands {
  showView(view: ViewName): void;
  revealRow(target: RowTarget): void;
  runContainer(): void;
  startContainer(c: ContainerSummary): void;
  stopContainer(c: ContainerSummary): void;
  restartContainer(c: ContainerSummary): void;
  switchEngine(id: string): void;
  setTheme(theme: ThemeChoice): void;
  showShortcuts(): void;
}

function containerEntries(c: ContainerSummary, commands: PaletteCommands): PaletteEntry[] {
  const keywords = [c.name, c.image, c.id.slice(0, 12)];
  const hint = `${c.state} · ${c.image}`;
  const entry = (verb: string, id: string, run: () => void): PaletteEntry => ({
    id: `container:${id}:${c.id}`,
    group: 'Containers',
    label: `${verb} ${c.name}`,
    keywords,
    hint,
    run,
  });
  const entries = [entry('Show', 'show', () => commands.revealRow({ view: 'containers', filter: c.name, rowName: c.name, then: 'open' }))];
  if (c.state === 'running') {
    entries.push(
      entry('Open a shell in', 'shell', () => commands.revealRow({ view: 'containers', filter: c.name, rowName: c.name, then: 'shell' })),
      entry('Stop', 'stop', () => commands.stopContainer(c)),
      entry('Restart', 'restart', () => commands.restartContainer(c)),
    );
  } else if (c.state !== 'removing' && c.state !== 'dead') {
    entries.push(entry('Start', 'start', () => commands.startContainer(c)));
  }
  // Removing asks first, in the view's own dialog.
  entries.push(
    entry('Remove', 'remove', () => commands.revealRow({ view: 'containers', filter: c.name, rowName: c.name, then: 'remove' })),
  );
  return entries;
}

/** Every entry the palette offers for these lists; cmdk filters and ranks them as the user types. */
export function paletteEntries(sources: PaletteSources, commands: PaletteCommands): PaletteEntry[] {
  const entries: PaletteEntry[] = [];
  for (const view of viewNames) {
    entries.push({
      id: `view:${view}`,
      group: 'Go to',
      label: viewTitles[view],
      keywords: ['view', 'go', view],
      run: () => commands.showView(view),
    });
  }
  entries.push(
    {
      id: 'action:run',
      group: 'Actions',
      label: 'Run a container…',
      keywords: ['docker run', 'new', 'create'],
      run: commands.runContainer,
    },
    { id: 'action:shortcuts', group: 'Actions', label: 'Keyboard shortcuts', keywords: ['help', 'keys', '?'], run: commands.showShortcuts },
    {
      id: 'action:theme-light',
      group: 'Actions',
      label: 'Use the light theme',
      keywords: ['theme', 'appearance'],
      run: () => commands.setTheme('light'),
    },
    {
      id: 'action:theme-dark',
      group: 'Actions',
      label: 'Use the dark theme',
      keywords: ['theme', 'appearance'],
      run: () => commands.setTheme('dark'),
    },
    {
      id: 'action:theme-system',
      group: 'Actions',
      label: 'Follow the system theme',
      keywords: ['theme', 'appearance', 'auto'],
      run: () => commands.setTheme('system'),
    },
  );
  for (const c of sources.containers) entries.push(...containerEntries(c, commands));
  for (const image of sources.images) {
    entries.push({
      id: `image:${image.key}`,
      group: 'Images',
      label: image.label,
      keywords: [image.repository, image.tag, image.shortId],
      hint: image.shortId,
      run: () =>
        commands.revealRow({
          view: 'images',
          filter: image.repository === '<none>' ? image.shortId : image.label,
          rowName: image.label,
          then: 'focus',
        }),
    });
  }
  for (const volume of sources.volumes) {
    entries.push({
      id: `volume:${volume.name}`,
      group: 'Volumes',
      label: volume.shortName,
      keywords: [volume.name, volume.driver],
      hint: volume.driver,
      run: () => commands.revealRow({ view: 'volumes', filter: volume.name, rowName: volume.name, then: 'focus' }),
    });
  }
  for (const network of sources.networks) {
    entries.push({
      id: `network:${network.id}`,
      group: 'Networks',
      label: network.name,
      keywords: [network.driver, network.id.slice(0, 12)],
      hint: network.driver,
      run: () => commands.revealRow({ view: 'networks', filter: network.name, rowName: network.name, then: 'focus' }),
    });
  }
  for (const engine of sources.engines) {
    const current = engine.spec.id === sources.currentEngineId;
    entries.push({
      id: `engine:${engine.spec.id}`,
      group: 'Engines',
      label: current ? `${engine.spec.name} (shown now)` : `Switch to engine ${engine.spec.name}`,
      keywords: [engine.spec.name, engine.spec.host, 'engine'],
      hint: `${engine.state} · ${engine.spec.host}`,
      run: () => (current ? commands.showView('engines') : commands.switchEngine(engine.spec.id)),
    });
  }
  return entries;
}
