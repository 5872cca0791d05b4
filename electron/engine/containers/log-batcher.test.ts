import { describe, expect, it } from 'vitest';
import { LogBatcher } from './log-batcher.js';

const enc = new TextEncoder();
const dec = new TextDecoder();
const out = (s: string) => ({ stream: 'stdout' as const, data: enc.encode(s) });
const err = (s: string) => ({ stream: 'stderr' as const, data: enc.encode(s) });
const texts = (b: LogBatcher) => b.take()?.chunks.map((c) => [c.stream, dec.decode(c.data)]);

describe('LogBatcher', () => {
  it('joins adjacent chunks of one stream and keeps stream order', () => {
    const b = new LogBatcher();
    b.add([out('a\n'), out('b\n'), err('e\n'), out('c\n'), out('d')]);
    expect(b.bytes).toBe(9);
    expect(texts(b)).toEqual([
      ['stdout', 'a\nb\n'],
      ['stderr', 'e\n'],
      ['stdout', 'c\nd'],
    ]);
    expect(b.take()).toBeNull();
    expect(b.bytes).toBe(0);
  });

  it('a flood of one-line frames becomes one chunk', () => {
    const b = new LogBatcher();
    b.add(Array.from({ length: 10_000 }, (_, i) => out(`line ${i}\n`)));
    const batch = b.take();
    expect(batch?.chunks).toHaveLength(1);
    expect(dec.decode(batch?.chunks[0]?.data).split('\n')).toHaveLength(10_001);
  });

  it('while dropping counts skipped lines per stream instead of queueing', () => {
    const b = new LogBatcher();
    b.add([out('pending 1\npending 2\n')]);
    b.startDropping();
    b.add([out('x1\nx2\n'), err('e1\n'), out('x3\n')]);
    expect(b.bytes).toBe(0);
    expect(b.take()).toBeNull();
    expect(b.takeSkipped()).toEqual({ stdout: 5, stderr: 1 });
    expect(b.takeSkipped()).toBeUndefined();
  });

  it('counts a line cut across chunks once, and on resuming drops the rest of it', () => {
    const b = new LogBatcher();
    b.startDropping();
    b.add([out('first line\nsecond li')]);
    b.add([out('ne still the sec')]);
    expect(b.takeSkipped()).toEqual({ stdout: 2, stderr: 0 });
    b.add([out('ond')]);
    b.resume();
    b.add([out('ond line\nthird\n'), err('whole\n')]);
    expect(b.takeSkipped()).toBeUndefined();
    expect(texts(b)).toEqual([
      ['stdout', 'third\n'],
      ['stderr', 'whole\n'],
    ]);
  });

  it('counts a partly sent line (the client holds its start) as skipped', () => {
    const b = new LogBatcher();
    b.add([out('whole\nhalf a li')]);
    b.take();
    b.startDropping();
    b.add([out('ne\nnext\n')]);
    expect(b.takeSkipped()).toEqual({ stdout: 2, stderr: 0 });
    b.resume();
    b.add([out('fresh\n')]);
    expect(texts(b)).toEqual([['stdout', 'fresh\n']]);
  });
});
