import { describe, expect, it } from 'vitest';
import { tailWindow } from './tail-window.js';

const base = { rowHeight: 18, overscanRows: 10, viewHeight: 180, scrollTop: 0 };

describe('tailWindow', () => {
  it('draws the newest rows while following the tail, whatever the scroll offset', () => {
    const w = tailWindow({ ...base, count: 1000, atBottom: true, scrollTop: 5 });
    expect(w.total).toBe(18_000);
    expect(w.maxTop).toBe(18_000 - 180);
    expect(w.last).toBe(1000);
    expect(w.first).toBe(990 - 10);
  });

  it('draws where the user scrolled to when not following, clamped to the end', () => {
    expect(tailWindow({ ...base, count: 1000, atBottom: false, scrollTop: 1800 })).toMatchObject({ first: 90, last: 120 });
    expect(tailWindow({ ...base, count: 1000, atBottom: false, scrollTop: 10 ** 9 }).last).toBe(1000);
  });

  it('has nothing to draw and nothing to scroll with no rows', () => {
    expect(tailWindow({ ...base, count: 0, atBottom: true })).toEqual({ total: 0, maxTop: 0, first: 0, last: 0 });
  });
});
