import { describe, expect, it } from 'vitest';
import type { ContainerSummary, ImageSummary } from '../../../shared/engine-types.js';
import type { ImageLayers } from '../images/layer-index.js';
import { assembleMap } from './map-assembly.js';
import { summariseChanges } from './writable-layer.js';

const summary = (id: string, tags: string[]): ImageSummary => ({
  id,
  repoTags: tags,
  repoDigests: [],
  created: 1,
  size: 10,
  containers: -1,
  labels: {},
});

const layers = (id: string, chains: string[], createdBy: string[]): ImageLayers => ({
  id,
  parent: '',
  size: 10,
  diffIds: chains.map((c) => `diff-${c}`),
  chains,
  layerSizes: chains.map(() => 5),
  // Newest first, as the engine gives history.
  history: createdBy
    .map((c, layer) => ({ Id: '', Created: 1, CreatedBy: c, Tags: null, Size: 5, Comment: '', layer, diffId: `diff-${chains[layer]}` }))
    .reverse(),
});

const container = (id: string, imageId: string): ContainerSummary => ({
  id,
  name: `c-${id}`,
  image: 'app',
  imageId,
  command: 'sh',
  created: 1,
  state: 'exited',
  status: 'Exited (0)',
  exitCode: 0,
  ports: [],
  labels: {},
});

describe('assembling the engine map', () => {
  it('describes a layer two images share once, and keeps each image its chain', () => {
    const map = assembleMap({
      live: true,
      images: [summary('b', ['app:2']), summary('a', ['app:1'])],
      containers: [container('c1', 'b')],
      layers: new Map([
        ['a', layers('a', ['base', 'a1'], ['/bin/sh -c #(nop) ADD file:x in / ', '/bin/sh -c echo a > /a'])],
        ['b', layers('b', ['base', 'b1'], ['/bin/sh -c #(nop) ADD file:x in / ', '/bin/sh -c echo b > /b'])],
      ]),
      commits: new Map([['b', { containerId: 'c0', containerName: 'maker' }]]),
    });
    expect(map.layers.map((l) => l.chainId)).toEqual(['a1', 'b1', 'base']);
    expect(map.layers.find((l) => l.chainId === 'b1')).toEqual({ chainId: 'b1', diffId: 'diff-b1', size: 5, createdBy: 'RUN echo b > /b' });
    expect(map.images.map((i) => [i.id, i.chain])).toEqual([
      ['a', ['base', 'a1']],
      ['b', ['base', 'b1']],
    ]);
    expect(map.images[1]?.committedFrom).toEqual({ containerId: 'c0', containerName: 'maker' });
    expect(map.containers).toEqual([{ id: 'c1', name: 'c-c1', imageId: 'b', image: 'app', state: 'exited' }]);
  });

  it('says why an image has no chain instead of dropping it', () => {
    const map = assembleMap({
      live: false,
      images: [summary('gone', []), summary('later', [])],
      containers: [],
      layers: new Map([['gone', { error: new Error('No such image: gone') }]]),
      commits: new Map(),
    });
    expect(map.live).toBe(false);
    expect(map.images.map((i) => [i.id, i.chain, i.unreadable])).toEqual([
      ['gone', [], 'No such image: gone'],
      ['later', [], 'Not read yet'],
    ]);
  });
});

describe("a container's writable layer", () => {
  it('lists the files before the folders docker diff names above them, and counts all', () => {
    const changes = [
      { path: '/etc', kind: 'changed' as const },
      { path: '/etc/app', kind: 'added' as const },
      { path: '/etc/app/conf', kind: 'added' as const },
      { path: '/hello.txt', kind: 'added' as const },
      { path: '/bin/ls', kind: 'deleted' as const },
      { path: '/bin', kind: 'changed' as const },
    ];
    expect(summariseChanges(changes, 10).changes.map((c) => c.path)).toEqual([
      '/etc/app/conf',
      '/hello.txt',
      '/bin/ls',
      '/etc',
      '/etc/app',
      '/bin',
    ]);
    expect(summariseChanges(changes, 2)).toEqual({
      changes: [
        { path: '/etc/app/conf', kind: 'added' },
        { path: '/hello.txt', kind: 'added' },
      ],
      total: 6,
    });
  });
});
