import { describe, expect, it } from 'vitest';
import { countMatches, LogModel } from './log-lines.js';
import { MatchTally } from './match-tally.js';

const enc = new TextEncoder();
const out = (s: string) => ({ stream: 'stdout' as const, data: enc.encode(s) });

describe('MatchTally', () => {
  it('agrees with a full count as lines arrive, are dropped, and stay provisional', () => {
    const model = new LogModel({ capacity: 50 });
    const tally = new MatchTally();
    for (let i = 0; i < 400; i++) {
      model.push([out(i % 3 === 0 ? `Error ${i} error\n` : `ok ${i}\n`)]);
      if (i % 7 === 0) model.push([out('error without newline ')]);
      expect(tally.count(model, 'ERROR')).toBe(countMatches(model.snapshot(), 'error'));
    }
  });

  it('counts only the new lines of a batch (older ones are not read again)', () => {
    const model = new LogModel();
    const tally = new MatchTally();
    model.push([out('a hit\nno\n')]);
    expect(tally.count(model, 'hit')).toBe(1);
    let reads = 0;
    const counting = {
      get length() {
        return model.length;
      },
      at: (i: number) => {
        reads++;
        return model.at(i);
      },
    };
    model.push([out('hit hit\n')]);
    expect(tally.count(counting, 'hit')).toBe(3);
    expect(reads).toBeLessThanOrEqual(4);
  });

  it('recounts everything when the query changes, and gives 0 for an empty query', () => {
    const model = new LogModel();
    const tally = new MatchTally();
    model.push([out('alpha beta\nbeta\n')]);
    expect(tally.count(model, 'alpha')).toBe(1);
    expect(tally.count(model, 'beta')).toBe(2);
    expect(tally.count(model, '')).toBe(0);
  });
});
