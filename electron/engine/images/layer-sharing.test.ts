import { describe, expect, it } from 'vitest';
import { chainIds } from './history-layers.js';
import type { LocalImage } from './layer-index.js';
import { imageFamily, imageLabel, layerShare, planPrune } from './layer-sharing.js';

const d = (c: string): string => `sha256:${c.repeat(64)}`;

function image(id: string, layers: Array<[string, number | null]>, repoTags: string[] = [], parent = ''): LocalImage {
  const diffIds = layers.map(([l]) => d(l));
  const layerSizes = layers.map(([, s]) => s);
  return {
    id: `sha256:${id.repeat(64).slice(0, 64)}`,
    parent,
    size: layerSizes.reduce<number>((a, b) => a + (b ?? 0), 0),
    diffIds,
    chains: chainIds(diffIds),
    layerSizes,
    history: [],
    repoTags,
    created: 0,
  };
}

const base = image('1', [['a', 100]], ['base:1']);
const app = image(
  '2',
  [
    ['a', 100],
    ['b', 20],
  ],
  ['app:1'],
);
const other = image(
  '3',
  [
    ['c', 50],
    ['b', 20],
  ],
  [],
);

describe('layer sharing', () => {
  it('names an image by its first tag or short ID', () => {
    expect(imageLabel(base)).toBe('base:1');
    expect(imageLabel(other)).toBe('333333333333');
  });

  it('finds shared layers by chain, not by diff alone', () => {
    const share = layerShare(app, [base, app, other]);
    expect([...share.sharedWith.values()]).toEqual([['base:1'], []]);
    expect(share.uniqueSize).toBe(20);
    expect(share.sharedSize).toBe(100);
  });

  it('says unknown when a needed size is unknown', () => {
    const unknown = image('4', [
      ['a', 100],
      ['e', null],
    ]);
    expect(layerShare(unknown, [base]).uniqueSize).toBeNull();
    expect(layerShare(unknown, [base]).sharedSize).toBe(100);
  });

  it('relates images by layer prefix and by parent links', () => {
    const labelled = image('5', [['a', 100]], ['base:labelled'], base.id);
    const parents = new Map([[labelled.id, base.id]]);
    const ofBase = imageFamily(base, [base, app, other, labelled], parents);
    expect(ofBase.children.map(imageLabel)).toEqual(['app:1', 'base:labelled']);
    expect(ofBase.bases).toEqual([]);
    expect(imageFamily(app, [base, app, other], parents).bases.map(imageLabel)).toEqual(['base:1']);
  });

  it('plans a prune: only layers no survivor holds come back, once', () => {
    const dangling1 = image('6', [
      ['a', 100],
      ['f', 7],
    ]);
    const dangling2 = image('7', [
      ['a', 100],
      ['f', 7],
      ['g', 3],
    ]);
    const plan = planPrune([dangling1, dangling2], [base, app]);
    expect(plan.reclaimable.get(dangling1.id)).toBe(7);
    expect(plan.reclaimable.get(dangling2.id)).toBe(10);
    expect(plan.total).toBe(10);
  });

  it('counts a whole image when nothing of it is shared, even without layer sizes', () => {
    const lone = { ...image('8', [['h', null]]), size: 42 };
    const plan = planPrune([lone], [base]);
    expect(plan.reclaimable.get(lone.id)).toBe(42);
    expect(plan.total).toBe(42);
  });
});
