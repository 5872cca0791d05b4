import { describe, expect, it } from 'vitest';
import type { ContainerSummary } from '../../../shared/engine-types.js';
import { StatusAgeing } from './status-ageing.js';

const row = (id: string, status: string): ContainerSummary => ({ id, status }) as ContainerSummary;

describe('StatusAgeing', () => {
  it('words a status as the engine would, from when the engine said it', () => {
    let now = 1_000_000;
    const ageing = new StatusAgeing(() => now, 5000);
    ageing.said(row('a', 'Up 5 seconds'));
    now += 60_000;
    expect(ageing.shown(row('a', 'Up 5 seconds'))).toMatchObject({ id: 'a', status: 'Up About a minute' });
  });

  it('keeps rows without an age, or not said, as they are (the same object)', () => {
    let now = 0;
    const ageing = new StatusAgeing(() => now, 5000);
    const created = row('c', 'Created');
    ageing.said(created);
    const unknown = row('u', 'Up 2 hours');
    now += 3_600_000;
    expect(ageing.shown(created)).toBe(created);
    expect(ageing.shown(unknown)).toBe(unknown);
  });

  it('lists only the shown rows whose wording is out of date, and forgets removed and cleared ones', () => {
    let now = 0;
    const ageing = new StatusAgeing(() => now, 5000);
    const shown = new Map([
      ['a', row('a', 'Up 10 minutes')],
      ['b', row('b', 'Exited (0) 3 hours ago')],
      ['gone', row('gone', 'Up 1 second')],
    ]);
    for (const r of shown.values()) ageing.said(r);
    now += 120_000;
    expect(ageing.changed((id) => shown.get(id))).toEqual([row('a', 'Up 12 minutes'), row('gone', 'Up 2 minutes')]);
    ageing.forget('gone');
    expect(ageing.changed((id) => shown.get(id)).map((r) => r.id)).toEqual(['a']);
    ageing.clear();
    expect(ageing.changed((id) => shown.get(id))).toEqual([]);
  });
});
