import { describe, expect, it, vi } from 'vitest';
import { createFeatureStores, featureStore } from './feature-stores.js';

describe('feature stores', () => {
  it('builds a store once, from the deps, and disposes it with the rest', () => {
    const make = vi.fn((deps: { base: number }) => ({ value: deps.base + 1 }));
    const dispose = vi.fn();
    const key = featureStore('counter', make, dispose);
    const stores = createFeatureStores(() => ({ base: 41 }));
    const first = stores.get(key);
    expect(first.value).toBe(42);
    expect(stores.get(key)).toBe(first);
    expect(make).toHaveBeenCalledTimes(1);
    stores.disposeAll();
    expect(dispose).toHaveBeenCalledWith(first);
    expect(stores.get(key)).not.toBe(first);
  });

  it('keeps disposing the others when one throws', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const second = vi.fn();
    const stores = createFeatureStores(() => ({}));
    stores.get(
      featureStore(
        'bad',
        () => 1,
        () => {
          throw new Error('boom');
        },
      ),
    );
    stores.get(featureStore('good', () => 2, second));
    stores.disposeAll();
    expect(second).toHaveBeenCalledWith(2);
    expect(error).toHaveBeenCalledWith(expect.stringContaining('bad'));
    error.mockRestore();
  });
});
