import { describe, expect, it } from 'vitest';
import { maxWatchedContainers } from '../../../shared/stats-watch-contract.js';
import { sameIds, watchedIds, type ShownContainer } from './watched-ids.js';

const row = (id: string, state: ShownContainer['state'] = 'running'): ShownContainer => ({ id, state });

describe('watched ids', () => {
  it('takes the running rows on screen in order, once each', () => {
    const a = row('a');
    expect(watchedIds([a, row('b', 'exited'), row('c', 'paused'), row('d'), a], new Map())).toEqual(['a', 'd']);
  });

  it('leaves out a row whose stats ended while it is the same object, and takes a new row of it', () => {
    const a = row('a');
    const ended = new Map([['a', a]]);
    expect(watchedIds([a, row('b')], ended)).toEqual(['b']);
    expect(watchedIds([row('a'), row('b')], ended)).toEqual(['a', 'b']);
  });

  it('follows at most as many as one watch may', () => {
    const rows = Array.from({ length: maxWatchedContainers + 10 }, (_, i) => row(`c${i}`));
    const ids = watchedIds(rows, new Map());
    expect(ids).toHaveLength(maxWatchedContainers);
    expect(ids[0]).toBe('c0');
  });

  it('compares sets whatever the order', () => {
    expect(sameIds(['a', 'b'], ['b', 'a'])).toBe(true);
    expect(sameIds(['a', 'b'], ['a'])).toBe(false);
    expect(sameIds(['a', 'b'], ['a', 'c'])).toBe(false);
  });
});
