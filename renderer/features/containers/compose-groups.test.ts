import { describe, expect, it } from 'vitest';
import { container } from '../../test-support/fixtures.js';
import { groupRows, rowKey, sameListRow } from './compose-groups.js';
import { createContainerSelectionStore } from './container-selection-store.js';

const c = (name: string, project?: string) =>
  container({ id: name.padEnd(64, '0'), name, labels: project ? { 'com.docker.compose.project': project } : {} });

describe('groupRows', () => {
  const list = [c('solo'), c('web-1', 'shop'), c('other'), c('db-1', 'shop'), c('api-1', 'blog')];

  it('puts each project under one header, where its first container was', () => {
    const rows = groupRows(list, new Set());
    expect(rows.map((r) => (r.kind === 'group' ? `[${r.project} ${r.containers.length}]` : r.container.name))).toEqual([
      'solo',
      '[shop 2]',
      'web-1',
      'db-1',
      'other',
      '[blog 1]',
      'api-1',
    ]);
  });

  it('hides the members of a collapsed project but keeps its header', () => {
    const rows = groupRows(list, new Set(['shop']));
    expect(rows.map(rowKey)).toEqual([list[0]?.id, 'group:shop', list[2]?.id, 'group:blog', list[4]?.id]);
    const header = rows[1];
    expect(header?.kind === 'group' && header.collapsed).toBe(true);
  });

  it('leaves a list without Compose labels unchanged', () => {
    expect(groupRows([c('a'), c('b')], new Set()).map(rowKey)).toEqual([c('a').id, c('b').id]);
  });

  it('regrouping the same container objects gives rows the table need not draw again; a changed one differs', () => {
    const before = groupRows(list, new Set());
    const after = groupRows(list, new Set());
    expect(before.every((row, i) => after[i] !== undefined && sameListRow(row, after[i]))).toBe(true);
    const changed = list.map((x) => (x.name === 'db-1' ? { ...x, state: 'exited' as const } : x));
    const next = groupRows(changed, new Set());
    expect(before.map((row, i) => next[i] !== undefined && sameListRow(row, next[i]))).toEqual([
      true,
      false,
      true,
      false,
      true,
      true,
      true,
    ]);
    const folded = groupRows(list, new Set(['blog']));
    expect(sameListRow(before[5]!, folded[5]!)).toBe(false);
    expect(sameListRow(before[0]!, before[1]!)).toBe(false);
    expect(sameListRow(before[1]!, before[0]!)).toBe(false);
  });
});

describe('selection store', () => {
  it('toggles, selects many, retains listed IDs and clears', () => {
    const s = createContainerSelectionStore();
    s.getState().toggle('a');
    s.getState().setMany(['b', 'c'], true);
    expect([...s.getState().selected].sort()).toEqual(['a', 'b', 'c']);
    s.getState().toggle('a');
    expect([...s.getState().selected].sort()).toEqual(['b', 'c']);
    s.getState().retain(new Set(['c', 'x']));
    expect([...s.getState().selected]).toEqual(['c']);
    s.getState().setMany(['c'], false);
    expect(s.getState().selected.size).toBe(0);
    s.getState().setMany(['d'], true);
    s.getState().clear();
    expect(s.getState().selected.size).toBe(0);
  });

  it('folds and unfolds projects', () => {
    const s = createContainerSelectionStore();
    s.getState().toggleCollapsed('shop');
    expect(s.getState().collapsed.has('shop')).toBe(true);
    s.getState().toggleCollapsed('shop');
    expect(s.getState().collapsed.has('shop')).toBe(false);
  });
});
