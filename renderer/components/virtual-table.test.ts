import { describe, expect, it } from 'vitest';
import { sameCells, type Column } from './virtual-table.js';

interface Item {
  id: string;
  state: string;
}

const columns: readonly Column<Item>[] = [{ key: 'state', header: 'State', minWidth: 10, grow: 1, cell: (i) => i.state }];

describe('a virtual table row’s cells', () => {
  it('are not drawn again for the same row object and columns, whatever else changed', () => {
    const item = { id: 'a', state: 'running' };
    expect(sameCells({ row: item, columns }, { row: item, columns })).toBe(true);
    expect(sameCells({ row: item, columns }, { row: { ...item }, columns })).toBe(false);
    expect(sameCells({ row: item, columns }, { row: item, columns: [...columns] })).toBe(false);
  });

  it('follow the table’s own sameness when it has one (rows made anew around the same data)', () => {
    const sameRow = (a: Item, b: Item): boolean => a.id === b.id && a.state === b.state;
    const before = { row: { id: 'a', state: 'running' }, columns, sameRow };
    expect(sameCells(before, { row: { id: 'a', state: 'running' }, columns, sameRow })).toBe(true);
    expect(sameCells(before, { row: { id: 'a', state: 'exited' }, columns, sameRow })).toBe(false);
  });
});
