import { describe, expect, it } from 'vitest';
import { createRowSelectionStore } from './row-selection-store.js';

describe('row selection', () => {
  it('toggles, ticks many, forgets rows that are gone, and clears', () => {
    const selection = createRowSelectionStore();
    const s = () => selection.getState();
    s().toggle('a');
    s().setMany(['b', 'c'], true);
    expect([...s().selected]).toEqual(['a', 'b', 'c']);
    s().toggle('a');
    s().setMany(['c'], false);
    expect([...s().selected]).toEqual(['b']);
    s().setMany(['d'], true);
    s().retain(new Set(['d', 'x']));
    expect([...s().selected]).toEqual(['d']);
    const before = s().selected;
    s().retain(new Set(['d']));
    expect(s().selected).toBe(before); // nothing forgotten: no new state
    s().clear();
    expect(s().selected.size).toBe(0);
  });
});
