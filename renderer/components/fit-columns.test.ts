import { describe, expect, it } from 'vitest';
import { fitColumns, gridTemplate } from './fit-columns.js';

const columns = [
  { key: 'name', minWidth: 100, grow: 1 },
  { key: 'command', minWidth: 100, grow: 1, priority: 1 },
  { key: 'ports', minWidth: 100, grow: 1, priority: 2 },
  { key: 'actions', minWidth: 100, grow: 0 },
];
const metrics = { gap: 10, padding: 20 };

describe('fitColumns', () => {
  it('keeps every column when they fit or the width is unknown', () => {
    expect(fitColumns(columns, 450, metrics).map((c) => c.key)).toEqual(['name', 'command', 'ports', 'actions']);
    expect(fitColumns(columns, 0, metrics)).toHaveLength(4);
  });

  it('drops the lowest priority first, never an unprioritised column', () => {
    expect(fitColumns(columns, 449, metrics).map((c) => c.key)).toEqual(['name', 'ports', 'actions']);
    expect(fitColumns(columns, 100, metrics).map((c) => c.key)).toEqual(['name', 'actions']);
  });

  it('builds grid tracks', () => {
    expect(gridTemplate(columns.slice(2))).toBe('minmax(100px, 1fr) 100px');
  });
});
