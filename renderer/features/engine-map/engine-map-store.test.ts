import { describe, expect, it } from 'vitest';
import type { EngineMap } from '../../../shared/engine-map-types.js';
import { freshIn } from './engine-map-store.js';

const mapWith = (chains: Record<string, string[]>): EngineMap => ({
  live: true,
  layers: [...new Set(Object.values(chains).flat())].map((chainId) => ({ chainId, diffId: chainId, size: 1, createdBy: '' })),
  images: Object.entries(chains).map(([id, chain]) => ({ id, tags: [], created: 1, size: 1, chain })),
  containers: [],
});

describe('what a new map adds', () => {
  it('is nothing for the first map, then the layers and images that were not there before', () => {
    const before = mapWith({ app: ['base', 'a1'] });
    expect(freshIn(null, before)).toEqual({ layers: new Set(), images: new Set() });
    const committed = mapWith({ app: ['base', 'a1'], snap: ['base', 'a1', 'w1'] });
    expect(freshIn(before, committed)).toEqual({ layers: new Set(['w1']), images: new Set(['snap']) });
    // A remove adds nothing.
    expect(freshIn(committed, before)).toEqual({ layers: new Set(), images: new Set() });
  });
});
