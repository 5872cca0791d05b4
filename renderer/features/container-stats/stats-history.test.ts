import { describe, expect, it } from 'vitest';
import type { StatsSample } from '../../../shared/container-detail-types.js';
import { cpuHistoryLength, memoryShare, withSample } from './stats-history.js';

const sample = (time: number, cpuPercent: number | null, memoryUsage = 50, memoryLimit = 200): StatsSample => ({
  time,
  cpuPercent,
  memoryUsage,
  memoryLimit,
  networkRx: 0,
  networkTx: 0,
  blockRead: 0,
  blockWrite: 0,
  pids: 1,
});

describe('stats history of a row', () => {
  it('starts with the first sample and appends newer ones, keeping a minute of CPU', () => {
    let entry = withSample(undefined, sample(0, null));
    expect(entry.cpu).toEqual([null]);
    for (let t = 1; t <= cpuHistoryLength + 5; t++) entry = withSample(entry, sample(t * 1000, t));
    expect(entry.cpu).toHaveLength(cpuHistoryLength);
    expect(entry.cpu.at(-1)).toBe(cpuHistoryLength + 5);
    expect(entry.cpu[0]).toBe(6);
    expect(entry.last.time).toBe((cpuHistoryLength + 5) * 1000);
  });

  it('ignores a sample older than the newest one held, and does not change the entry it was given', () => {
    const first = withSample(undefined, sample(2000, 3));
    expect(withSample(first, sample(1000, 9))).toBe(first);
    const second = withSample(first, sample(3000, 4));
    expect(first.cpu).toEqual([3]);
    expect(second.cpu).toEqual([3, 4]);
  });

  it('gives memory as a share of the limit, capped at 1, and none without a limit', () => {
    expect(memoryShare(sample(0, 0, 50, 200))).toBe(0.25);
    expect(memoryShare(sample(0, 0, 300, 200))).toBe(1);
    expect(memoryShare(sample(0, 0, 300, 0))).toBeNull();
  });
});
