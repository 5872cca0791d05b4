import { describe, expect, it } from 'vitest';
import { toStatsSample } from './stats-sample.js';

describe('toStatsSample', () => {
  it('computes CPU % like the docker CLI and subtracts reclaimable cache from memory', () => {
    const sample = toStatsSample({
      read: '2026-11-23T10:00:00Z',
      cpu_stats: { cpu_usage: { total_usage: 2_000_000 }, system_cpu_usage: 20_000_000, online_cpus: 2 },
      precpu_stats: { cpu_usage: { total_usage: 1_000_000 }, system_cpu_usage: 10_000_000 },
      memory_stats: { usage: 10_000, limit: 100_000, stats: { inactive_file: 2_000 } },
      networks: { eth0: { rx_bytes: 5, tx_bytes: 7 }, eth1: { rx_bytes: 1, tx_bytes: 1 } },
      blkio_stats: {
        io_service_bytes_recursive: [
          { op: 'Read', value: 3 },
          { op: 'Write', value: 4 },
        ],
      },
      pids_stats: { current: 2 },
    });
    expect(sample.cpuPercent).toBeCloseTo(20);
    expect(sample).toMatchObject({
      memoryUsage: 8_000,
      memoryLimit: 100_000,
      networkRx: 6,
      networkTx: 8,
      blockRead: 3,
      blockWrite: 4,
      pids: 2,
    });
  });

  it('has no CPU % on the first sample (no previous reading)', () => {
    expect(toStatsSample({ cpu_stats: { cpu_usage: { total_usage: 5 }, system_cpu_usage: 10 } }).cpuPercent).toBeNull();
  });
});
