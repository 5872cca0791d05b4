import { describe, expect, it } from 'vitest';
import { StackLogMerge } from './stack-log-merge.js';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('a stack\u2019s logs, interleaved', () => {
  it('complete lines of each container in arrival order, a split line kept whole', () => {
    const merge = new StackLogMerge();
    merge.addSource('a1', 'a', 'p_a_1');
    merge.addSource('b1', 'b', 'p_b_1');
    merge.push('a1', [{ stream: 'stdout', data: bytes('a one\na tw') }]);
    merge.push('b1', [{ stream: 'stderr', data: bytes('b one\n') }]);
    merge.push('a1', [{ stream: 'stdout', data: bytes('o\n') }]);
    expect(merge.toArray().map((l) => [l.service, l.line.text, l.line.stream])).toEqual([
      ['a', 'a one', 'stdout'],
      ['b', 'b one', 'stderr'],
      ['a', 'a two', 'stdout'],
    ]);
  });

  it('keeps at most its capacity, the oldest dropped and counted; skipped lines are marked', () => {
    const merge = new StackLogMerge(3);
    merge.addSource('a1', 'a', 'p_a_1');
    merge.push('a1', [{ stream: 'stdout', data: bytes('1\n2\n3\n4\n5\n') }]);
    expect(merge.toArray().map((l) => l.line.text)).toEqual(['3', '4', '5']);
    expect(merge.dropped).toBe(2);
    merge.skip('a1', { stdout: 10, stderr: 0 });
    expect(merge.at(2)?.line.skipped).toBe(10);
    merge.push('a1', [{ stream: 'stdout', data: bytes('last') }]);
    merge.end('a1');
    expect(merge.at(2)?.line.text).toBe('last');
  });
});
