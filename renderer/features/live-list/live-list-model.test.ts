import { describe, expect, it, vi } from 'vitest';
import { LiveListModel } from './live-list-model.js';

interface Thing {
  id: string;
  rank: number;
  tags: string[];
}

const thing = (id: string, rank: number, tags: string[] = []): Thing => ({ id, rank, tags });

function model(rowsOf: (t: Thing) => readonly Thing[] = (t) => [t]) {
  return new LiveListModel<Thing, Thing>({ keyOf: (t) => t.id, rowsOf, compare: (a, b) => a.rank - b.rank });
}

describe('LiveListModel', () => {
  it('a snapshot gives the rows in the view’s order', () => {
    const m = model();
    expect(m.apply({ t: 'snapshot', items: [thing('b', 2), thing('a', 1), thing('c', 3)] })).toBe(true);
    expect(m.rows.map((t) => t.id)).toEqual(['a', 'b', 'c']);
  });

  it('a patch inserts, replaces and removes by key; unchanged items and their rows keep their objects', () => {
    const m = model();
    m.apply({ t: 'snapshot', items: [thing('a', 1), thing('b', 2), thing('c', 3)] });
    const [a, b] = m.rows;
    expect(m.apply({ t: 'patch', upsert: [thing('b', 2, ['changed']), thing('d', 0)], remove: ['c'] })).toBe(true);
    expect(m.rows.map((t) => t.id)).toEqual(['d', 'a', 'b']);
    expect(m.rows[1]).toBe(a);
    expect(m.rows[2]).not.toBe(b);
    expect(m.rows[2]?.tags).toEqual(['changed']);
  });

  it('a patch that changes nothing keeps the very same rows array', () => {
    const m = model();
    m.apply({ t: 'snapshot', items: [thing('a', 1, ['x'])] });
    const rows = m.rows;
    expect(m.apply({ t: 'patch', upsert: [thing('a', 1, ['x'])], remove: ['gone'] })).toBe(false);
    expect(m.rows).toBe(rows);
  });

  it('a key both upserted and removed in one patch ends removed (upserts first, as the contract orders them)', () => {
    const m = model();
    m.apply({ t: 'snapshot', items: [] });
    m.apply({ t: 'patch', upsert: [thing('brief', 1)], remove: ['brief'] });
    expect(m.rows).toEqual([]);
  });

  it('a snapshot after a gap reconciles: equal items keep their objects, missing ones go, new ones come', () => {
    const m = model();
    m.apply({ t: 'snapshot', items: [thing('a', 1), thing('b', 2)] });
    const a = m.rows[0];
    expect(m.apply({ t: 'snapshot', items: [thing('a', 1), thing('n', 3)] })).toBe(true);
    expect(m.rows.map((t) => t.id)).toEqual(['a', 'n']);
    expect(m.rows[0]).toBe(a);
    const rows = m.rows;
    expect(m.apply({ t: 'snapshot', items: [thing('n', 3), thing('a', 1)] })).toBe(false);
    expect(m.rows).toBe(rows);
  });

  it('a snapshot with the same count but another key is a change', () => {
    const m = model();
    m.apply({ t: 'snapshot', items: [thing('a', 1)] });
    expect(m.apply({ t: 'snapshot', items: [thing('z', 1)] })).toBe(true);
    expect(m.rows.map((t) => t.id)).toEqual(['z']);
  });

  it('stale changes no row', () => {
    const m = model();
    m.apply({ t: 'snapshot', items: [thing('a', 1)] });
    const rows = m.rows;
    expect(m.apply({ t: 'stale', reason: 'engine gone' })).toBe(false);
    expect(m.rows).toBe(rows);
  });

  it('derives an item’s rows once per distinct item, and sorts all rows together', () => {
    const rowsOf = vi.fn((t: Thing) => t.tags.map((tag, i) => ({ id: `${t.id}:${tag}`, rank: t.rank + i * 10, tags: [tag] })));
    const m = model(rowsOf);
    m.apply({ t: 'snapshot', items: [thing('a', 1, ['x', 'y']), thing('b', 2, ['z'])] });
    expect(m.rows.map((r) => r.id)).toEqual(['a:x', 'b:z', 'a:y']);
    const ay = m.rows[2];
    m.apply({ t: 'patch', upsert: [thing('b', 2, ['w'])], remove: [] });
    expect(rowsOf).toHaveBeenCalledTimes(3);
    expect(m.rows.map((r) => r.id)).toEqual(['a:x', 'b:w', 'a:y']);
    expect(m.rows[2]).toBe(ay);
  });
});
