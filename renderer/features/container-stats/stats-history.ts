import type { StatsSample } from '../../../shared/container-detail-types.js';

/** CPU readings a row keeps for its sparkline: a minute at one sample a second. */
export const cpuHistoryLength = 60;

/** What a table row shows of one container: its newest sample and its recent CPU. */
export interface ContainerStatsEntry {
  readonly last: StatsSample;
  /** CPU % of the recent samples, oldest first (null where the engine had no previous reading). */
  readonly cpu: readonly (number | null)[];
}

/** The entry after one more sample; a sample older than the newest one held is ignored. */
export function withSample(entry: ContainerStatsEntry | undefined, sample: StatsSample): ContainerStatsEntry {
  if (!entry) return { last: sample, cpu: [sample.cpuPercent] };
  if (sample.time < entry.last.time) return entry;
  const cpu = entry.cpu.length >= cpuHistoryLength ? entry.cpu.slice(entry.cpu.length - cpuHistoryLength + 1) : entry.cpu.slice();
  cpu.push(sample.cpuPercent);
  return { last: sample, cpu };
}

/** Memory used as a share of the limit, 0..1; null when the engine gave no limit. */
export function memoryShare(sample: StatsSample): number | null {
  return sample.memoryLimit > 0 ? Math.min(1, sample.memoryUsage / sample.memoryLimit) : null;
}
