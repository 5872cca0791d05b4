import { describe, expect, it } from 'vitest';
import { PendingOpens } from './pending-opens.js';

describe('opens in flight per client', () => {
  it('counts each client apart and forgets a ticket once it ends', () => {
    const opens = new PendingOpens();
    const a1 = opens.begin('a');
    opens.begin('a');
    opens.begin('b');
    expect([opens.count('a'), opens.count('b'), opens.count('c')]).toEqual([2, 1, 0]);
    opens.end(a1);
    opens.end(a1);
    expect(opens.count('a')).toBe(1);
  });

  it("cancels only the leaving client's tickets, and a later open of the same client is not cancelled", () => {
    const opens = new PendingOpens();
    const a = opens.begin('a');
    const b = opens.begin('b');
    opens.cancelClient('a');
    expect(a.cancelled).toBe(true);
    expect(b.cancelled).toBe(false);
    expect(opens.count('a')).toBe(0);
    // The desktop app reuses a window's client ID after a reload.
    const again = opens.begin('a');
    expect(again.cancelled).toBe(false);
    opens.end(a);
    expect(opens.count('a')).toBe(1);
  });

  it('cancels every client at once (the server stops)', () => {
    const opens = new PendingOpens();
    const tickets = [opens.begin('a'), opens.begin('b'), opens.begin('b')];
    opens.cancelAll();
    expect(tickets.map((t) => t.cancelled)).toEqual([true, true, true]);
    expect(opens.count('b')).toBe(0);
  });
});
