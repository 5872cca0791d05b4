import { describe, expect, it } from 'vitest';
import { Ring } from './log-ring.js';

describe('Ring', () => {
  it('keeps items in order below capacity', () => {
    const ring = new Ring<number>(4);
    ring.push(1);
    ring.push(2);
    expect(ring.length).toBe(2);
    expect(ring.toArray()).toEqual([1, 2]);
    expect([ring.at(0), ring.at(1), ring.at(2), ring.at(-1)]).toEqual([1, 2, undefined, undefined]);
    expect(ring.evicted).toBe(0);
  });

  it('overwrites the oldest past capacity and counts what it dropped', () => {
    const ring = new Ring<number>(3);
    for (let i = 0; i < 10; i++) ring.push(i);
    expect(ring.length).toBe(3);
    expect(ring.toArray()).toEqual([7, 8, 9]);
    expect(ring.at(0)).toBe(7);
    expect(ring.at(2)).toBe(9);
    expect(ring.evicted).toBe(7);
  });

  it('never grows past capacity under a long stream', () => {
    const ring = new Ring<string>(1000);
    for (let i = 0; i < 200_000; i++) ring.push(`line ${i}`);
    expect(ring.length).toBe(1000);
    expect(ring.at(999)).toBe('line 199999');
    expect(ring.evicted).toBe(199_000);
  });

  it('refuses a capacity that is not a positive integer', () => {
    expect(() => new Ring(0)).toThrow(RangeError);
    expect(() => new Ring(1.5)).toThrow(RangeError);
  });
});
