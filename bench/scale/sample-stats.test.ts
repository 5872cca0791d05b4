import { describe, expect, it } from 'vitest';
import { middle, nearestRank, summarize } from './sample-stats.js';

describe('nearestRank', () => {
  it('is the smallest sample with at least p % at or below it', () => {
    const hundred = Array.from({ length: 100 }, (_, i) => 100 - i); // 100..1, unsorted on purpose
    expect(nearestRank(hundred, 95)).toBe(95);
    expect(nearestRank(hundred, 50)).toBe(50);
    expect(nearestRank(hundred, 100)).toBe(100);
    expect(nearestRank(hundred, 1)).toBe(1);
  });

  it('with 50 samples p95 is the 48th smallest; with 20 the 19th', () => {
    const fifty = Array.from({ length: 50 }, (_, i) => i + 1);
    expect(nearestRank(fifty, 95)).toBe(48);
    const twenty = Array.from({ length: 20 }, (_, i) => (i + 1) * 10);
    expect(nearestRank(twenty, 95)).toBe(190);
  });

  it('of one sample is that sample; refuses no samples and percentiles out of range', () => {
    expect(nearestRank([7], 95)).toBe(7);
    expect(() => nearestRank([], 95)).toThrow(/No samples/);
    expect(() => nearestRank([1], 0)).toThrow(/Percentile/);
    expect(() => nearestRank([1], 101)).toThrow(/Percentile/);
    expect(() => nearestRank([1], Number.NaN)).toThrow(/Percentile/);
  });
});

describe('middle and summarize', () => {
  it('takes the middle sample, or the mean of the two middle ones', () => {
    expect(middle([3, 1, 2])).toBe(2);
    expect(middle([4, 1, 3, 2])).toBe(2.5);
    expect(() => middle([])).toThrow(/No samples/);
  });

  it('summarizes count, median, p95 and max without reordering the input', () => {
    const samples = [240, 110, 290, 130, 120];
    expect(summarize(samples)).toEqual({ n: 5, median: 130, p95: 290, max: 290 });
    expect(samples).toEqual([240, 110, 290, 130, 120]);
  });
});
