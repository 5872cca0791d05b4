import { describe, expect, it, vi } from 'vitest';
import type { ContainerSummary } from '../../../shared/engine-types.js';
import { paletteEntries, type PaletteCommands, type PaletteSources } from './palette-entries.js';

function container(name: string, state: ContainerSummary['state']): ContainerSummary {
  return { id: `${name}-id-0123456789`, name, image: 'busybox:latest', state } as ContainerSummary;
}

function commands(): PaletteCommands {
  return {
    showView: vi.fn(),
    revealRow: vi.fn(),
    runContainer: vi.fn(),
    startContainer: vi.fn(),
    stopContainer: vi.fn(),
    restartContainer: vi.fn(),
    switchEngine: vi.fn(),
    setTheme: vi.fn(),
    showShortcuts: vi.fn(),
  };
}

const empty: PaletteSources = { containers: [], images: [], volumes: [], networks: [], engines: [], currentEngineId: 'local' };

describe('command palette entries', () => {
  it('offers every view, including Learn, Stacks, Engine map and Events', () => {
    const labels = paletteEntries(empty, commands())
      .filter((e) => e.group === 'Go to')
      .map((e) => e.label);
    expect(labels).toEqual(['Containers', 'Images', 'Volumes', 'Networks', 'Stacks', 'Engine map', 'Events', 'Learn', 'Engines']);
  });

  it('offers what a container in its state can do, and each runs its command', () => {
    const cmd = commands();
    const web = container('web', 'running');
    const old = container('old', 'exited');
    const entries = paletteEntries({ ...empty, containers: [web, old] }, cmd);
    const labels = entries.filter((e) => e.group === 'Containers').map((e) => e.label);
    expect(labels).toEqual([
      'Show web',
      'Open a shell in web',
      'Stop web',
      'Restart web',
      'Remove web',
      'Show old',
      'Start old',
      'Remove old',
    ]);

    entries.find((e) => e.label === 'Stop web')!.run();
    expect(cmd.stopContainer).toHaveBeenCalledWith(web);
    entries.find((e) => e.label === 'Remove old')!.run();
    // Removing goes through the view's row, whose button asks first.
    expect(cmd.revealRow).toHaveBeenCalledWith({ view: 'containers', filter: 'old', rowName: 'old', then: 'remove' });
    entries.find((e) => e.label === 'Show web')!.run();
    expect(cmd.revealRow).toHaveBeenLastCalledWith({ view: 'containers', filter: 'web', rowName: 'web', then: 'open' });
  });

  it('gives every entry a unique id (cmdk selects by it)', () => {
    const entries = paletteEntries({ ...empty, containers: [container('a', 'running'), container('b', 'created')] }, commands());
    expect(new Set(entries.map((e) => e.id)).size).toBe(entries.length);
  });
});
