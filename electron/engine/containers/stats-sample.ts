import type { StatsSample } from '../../../shared/container-detail-types.js';

/** The parts of the Engine's /containers/{id}/stats document that `docker stats` uses. */
export interface RawStats {
  read?: string;
  cpu_stats?: { cpu_usage?: { total_usage?: number; percpu_usage?: number[] }; system_cpu_usage?: number; online_cpus?: number };
  precpu_stats?: { cpu_usage?: { total_usage?: number }; system_cpu_usage?: number };
  memory_stats?: { usage?: number; limit?: number; stats?: Record<string, number> };
  networks?: Record<string, { rx_bytes?: number; tx_bytes?: number }>;
  blkio_stats?: { io_service_bytes_recursive?: Array<{ op?: string; value?: number }> | null };
  pids_stats?: { current?: number };
}

/** Reduces one raw stats document to a sample, computing CPU % the way the docker CLI does. */
export function toStatsSample(raw: RawStats): StatsSample {
  const cpu = raw.cpu_stats;
  const pre = raw.precpu_stats;
  let cpuPercent: number | null = null;
  const cpuDelta = (cpu?.cpu_usage?.total_usage ?? 0) - (pre?.cpu_usage?.total_usage ?? 0);
  const systemDelta = (cpu?.system_cpu_usage ?? 0) - (pre?.system_cpu_usage ?? 0);
  if (pre?.system_cpu_usage && systemDelta > 0 && cpuDelta >= 0) {
    const cpus = cpu?.online_cpus ?? cpu?.cpu_usage?.percpu_usage?.length ?? 1;
    cpuPercent = (cpuDelta / systemDelta) * cpus * 100;
  }
  // Like the CLI: page cache that can be dropped does not count as used memory.
  const memStats = raw.memory_stats?.stats ?? {};
  const cache = memStats.inactive_file ?? memStats.total_inactive_file ?? 0;
  const memoryUsage = Math.max(0, (raw.memory_stats?.usage ?? 0) - cache);
  let networkRx = 0;
  let networkTx = 0;
  for (const net of Object.values(raw.networks ?? {})) {
    networkRx += net.rx_bytes ?? 0;
    networkTx += net.tx_bytes ?? 0;
  }
  let blockRead = 0;
  let blockWrite = 0;
  for (const entry of raw.blkio_stats?.io_service_bytes_recursive ?? []) {
    const op = entry.op?.toLowerCase();
    if (op === 'read') blockRead += entry.value ?? 0;
    if (op === 'write') blockWrite += entry.value ?? 0;
  }
  const parsedTime = raw.read ? Date.parse(raw.read) : NaN;
  return {
    time: Number.isFinite(parsedTime) && parsedTime > 0 ? parsedTime : Date.now(),
    cpuPercent,
    memoryUsage,
    memoryLimit: raw.memory_stats?.limit ?? 0,
    networkRx,
    networkTx,
    blockRead,
    blockWrite,
    pids: raw.pids_stats?.current ?? 0,
  };
}
