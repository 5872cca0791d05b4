import { describe, expect, it } from 'vitest';
import { BatchedReads } from './batched-reads.js';
import { KeyedReads } from './keyed-reads.js';

/** A read the test answers by hand. */
function deferredReads<T>() {
  const calls: Array<{ keys: string[]; resolve: (v: T) => void; reject: (e: unknown) => void }> = [];
  const read = (keys: string[] | string) =>
    new Promise<T>((resolve, reject) => calls.push({ keys: Array.isArray(keys) ? keys : [keys], resolve, reject }));
  return { calls, read };
}
const tick = () => new Promise((r) => setTimeout(r, 0));

describe('BatchedReads', () => {
  it('reads the first key at once and the keys that came meanwhile together in the next read', async () => {
    const { calls, read } = deferredReads<Map<string, number>>();
    const applied: Array<[string, number | undefined]> = [];
    const reads = new BatchedReads<number>(
      read,
      (k, v) => applied.push([k, v]),
      () => undefined,
      2,
    );
    reads.request('a');
    reads.request('b');
    reads.request('c');
    reads.request('d');
    expect(calls.map((c) => c.keys)).toEqual([['a']]);
    calls[0]!.resolve(new Map([['a', 1]]));
    await tick();
    expect(calls.map((c) => c.keys)).toEqual([['a'], ['b', 'c']]);
    calls[1]!.resolve(new Map([['b', 2]]));
    await tick();
    expect(calls[2]!.keys).toEqual(['d']);
    expect(applied).toEqual([
      ['a', 1],
      ['b', 2],
      ['c', undefined],
    ]);
  });

  it('a key asked again while it is being read is read again and its older answer dropped', async () => {
    const { calls, read } = deferredReads<Map<string, number>>();
    const applied: Array<[string, number | undefined]> = [];
    const reads = new BatchedReads<number>(
      read,
      (k, v) => applied.push([k, v]),
      () => undefined,
      10,
    );
    reads.request('a');
    expect(reads.busy('a')).toBe(true);
    reads.request('a');
    calls[0]!.resolve(new Map([['a', 1]]));
    await tick();
    expect(applied).toEqual([]);
    calls[1]!.resolve(new Map([['a', 2]]));
    await tick();
    expect(applied).toEqual([['a', 2]]);
    expect(reads.busy('a')).toBe(false);
  });

  it('reports failures, and drops every answer after reset', async () => {
    const { calls, read } = deferredReads<Map<string, number>>();
    const applied: string[] = [];
    const failed: string[][] = [];
    const reads = new BatchedReads<number>(
      read,
      (k) => applied.push(k),
      (keys) => failed.push(keys),
      10,
    );
    reads.request('a');
    calls[0]!.reject(new Error('boom'));
    await tick();
    expect(failed).toEqual([['a']]);
    reads.request('b');
    reads.reset();
    calls[1]!.resolve(new Map([['b', 1]]));
    await tick();
    expect(applied).toEqual([]);
    reads.request('c');
    expect(calls[2]!.keys).toEqual(['c']);
  });
});

describe('KeyedReads', () => {
  it('one read per key at a time; asked again meanwhile, the older answer is dropped and the key read again', async () => {
    const { calls, read } = deferredReads<number>();
    const applied: Array<[string, number]> = [];
    const reads = new KeyedReads<number>(
      read,
      (k, v) => applied.push([k, v]),
      () => undefined,
    );
    reads.request('a');
    reads.request('b');
    reads.request('a');
    expect(calls.map((c) => c.keys)).toEqual([['a'], ['b']]);
    expect(reads.busy('a')).toBe(true);
    calls[0]!.resolve(1);
    calls[1]!.resolve(2);
    await tick();
    expect(calls.map((c) => c.keys)).toEqual([['a'], ['b'], ['a']]);
    calls[2]!.resolve(3);
    await tick();
    expect(applied).toEqual([
      ['b', 2],
      ['a', 3],
    ]);
  });

  it('reports a failed read, and drops answers after reset', async () => {
    const { calls, read } = deferredReads<number>();
    const applied: string[] = [];
    const failed: string[] = [];
    const reads = new KeyedReads<number>(
      read,
      (k) => applied.push(k),
      (k) => failed.push(k),
    );
    reads.request('a');
    calls[0]!.reject(new Error('x'));
    await tick();
    expect(failed).toEqual(['a']);
    reads.request('b');
    reads.reset();
    calls[1]!.resolve(1);
    await tick();
    expect(applied).toEqual([]);
    expect(reads.busy('b')).toBe(false);
  });
});
