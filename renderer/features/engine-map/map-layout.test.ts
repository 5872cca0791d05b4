import { describe, expect, it } from 'vitest';
import type { EngineMap, MapImage } from '../../../shared/engine-map-types.js';
import { boxTitle, layoutMap, middleEllipsis, type LayoutOptions } from './map-layout.js';

const image = (id: string, tags: string[], chain: string[]): MapImage => ({ id, tags, created: 1, size: 1, chain });
const layer = (chainId: string, size: number | null = 10) => ({ chainId, diffId: `d-${chainId}`, size, createdBy: `RUN make ${chainId}` });

function mapOf(images: MapImage[]): EngineMap {
  const chains = [...new Set(images.flatMap((i) => i.chain))];
  return {
    live: true,
    layers: chains.map((c) => layer(c)),
    images,
    containers: [{ id: 'c1', name: 'web', imageId: 'app', image: 'app:1', state: 'running' }],
  };
}

const none: LayoutOptions = { filter: '', expanded: new Set(), fresh: new Set() };
const shape = (layout: ReturnType<typeof layoutMap>) =>
  layout.boxes.map((b) => `${b.layers.map((l) => l.chainId).join('+')}@${b.column}:${b.row}x${b.rows}`);

describe('laying out the engine map', () => {
  // base → os → (app, tool); base alone is the "os" image's parent; lone is unrelated.
  const map = mapOf([
    image('app', ['app:1'], ['base', 'os', 'app1']),
    image('tool', ['tool:1'], ['base', 'os', 'tool1', 'tool2']),
    image('os', ['os:1'], ['base', 'os']),
    image('lone', [], ['x1', 'x2', 'x3']),
  ]);

  it('draws a layer several images hold once, spanning their rows; runs nobody branches off fold into one box', () => {
    const layout = layoutMap(map, none);
    expect(layout.rows.map((r) => `${r.label}@${r.row}/${r.endColumn}`)).toEqual(['os:1@0/1', 'app:1@1/2', 'tool:1@2/2', 'lone@3/1']);
    expect(shape(layout)).toEqual(['base+os@0:0x3', 'x1+x2+x3@0:3x1', 'app1@1:1x1', 'tool1+tool2@1:2x1']);
    expect(layout.columns).toBe(2);
    expect(layout.rows.find((r) => r.label === 'app:1')?.containers.map((c) => c.name)).toEqual(['web']);
    const shared = layout.boxes.find((b) => b.key === 'base')!;
    expect(shared.folded).toBe(true);
    expect(shared.size).toBe(20);
    expect(boxTitle(shared)).toBe('2 layers');
    expect(boxTitle(layout.boxes.find((b) => b.key === 'app1')!)).toBe('RUN make app1');
  });

  it('shows each layer of a run the user expanded, and only that run', () => {
    const layout = layoutMap(map, { ...none, expanded: new Set(['x1']) });
    expect(shape(layout)).toEqual(['base+os@0:0x3', 'x1@0:3x1', 'app1@1:1x1', 'tool1+tool2@1:2x1', 'x2@1:3x1', 'x3@2:3x1']);
    expect(layout.boxes.filter((b) => b.expandedRun === 'x1').map((b) => b.key)).toEqual(['x1', 'x2', 'x3']);
    expect(layout.rows.find((r) => r.image.id === 'lone')?.endColumn).toBe(3);
  });

  it('keeps a fresh layer (a commit just made) in a box of its own on top of its image', () => {
    const committed = mapOf([image('app', ['app:1'], ['base', 'os', 'app1']), image('snap', ['snap:1'], ['base', 'os', 'app1', 'new'])]);
    const layout = layoutMap(committed, { ...none, fresh: new Set(['new']) });
    expect(shape(layout)).toEqual(['base+os+app1@0:0x2', 'new@1:1x1']);
    expect(layout.boxes.find((b) => b.key === 'new')?.fresh).toBe(true);
    expect(layout.rows.map((r) => [r.label, r.endColumn])).toEqual([
      ['app:1', 1],
      ['snap:1', 2],
    ]);
  });

  it('filters by tag, ID or container name, counting what it hides', () => {
    const layout = layoutMap(map, { ...none, filter: 'WEB' });
    expect(layout.rows.map((r) => r.label)).toEqual(['app:1']);
    expect(layout.hidden).toBe(3);
    expect(shape(layout)).toEqual(['base+os+app1@0:0x1']);
  });

  it('gives an image with no layers (or unreadable ones) a row of its own, and an unknown size stays unknown', () => {
    const odd: EngineMap = {
      live: true,
      layers: [layer('a', null)],
      images: [image('scratch', ['scratch:1'], []), image('a', ['a:1'], ['a'])],
      containers: [],
    };
    const layout = layoutMap(odd, none);
    expect(layout.rows.map((r) => [r.label, r.endColumn])).toEqual([
      ['scratch:1', 0],
      ['a:1', 1],
    ]);
    expect(layout.boxes[0]?.size).toBeNull();
  });

  it('lays out 50 images sharing one base in 50 rows and two columns', () => {
    const many = mapOf(
      Array.from({ length: 50 }, (_, i) => image(`i${i}`, [`img:${String(i).padStart(2, '0')}`], ['base', 'os', `top${i}`])),
    );
    const layout = layoutMap(many, none);
    expect(layout.rows).toHaveLength(50);
    expect(layout.columns).toBe(2);
    expect(layout.boxes.filter((b) => b.key === 'base')).toHaveLength(1);
    expect(layout.boxes.find((b) => b.key === 'base')?.rows).toBe(50);
  });

  it('cuts a long image name in the middle, keeping its tag', () => {
    expect(middleEllipsis('berth-h6-map-fo3iy:many-3-8', 20)).toMatch(/^berth-h.*….*many-3-8$/);
    expect(middleEllipsis('berth-h6-map-fo3iy:many-3-8', 20)).toHaveLength(20);
    expect(middleEllipsis('short:1', 20)).toBe('short:1');
  });
});
