import { readdirSync, readFileSync } from 'node:fs';

/** CPU time (user + system, in clock ticks) of every process, grouped by what the process is. */
export type CpuSnapshot = Map<string, number>;

const ticksPerSecond = 100;

/** A short name for a process: its command, plus Chromium's `--type=` (renderer, gpu-process, …). */
function groupOf(pid: string): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    const raw = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    // Chromium rewrites its command line as one space-separated string.
    const type = /--type=(\S+)/.exec(raw)?.[1];
    if (type) return `${comm} ${type}`;
    const cmdline = raw.split('\0');
    if (comm === 'node' || comm.startsWith('node')) {
      const script = cmdline.find((a) => /\.(c|m)?(j|t)s$/.test(a));
      return script ? `node ${script.split('/').slice(-2).join('/')}` : 'node';
    }
    return comm;
  } catch {
    return undefined;
  }
}

/** A process's own CPU ticks; with `reaped`, also those of the children it has waited for (they have exited). */
function ticksOf(pid: string, reaped = false): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime are fields 14 and 15 of stat, i.e. 11 and 12 after "state"; cutime and cstime follow.
    const own = Number(fields[11]) + Number(fields[12]);
    return reaped ? own + Number(fields[13]) + Number(fields[14]) : own;
  } catch {
    return 0;
  }
}

/** Per-process CPU ticks now, keyed by pid (grouping happens in `cpuSince`). */
export function cpuSnapshot(): CpuSnapshot {
  const snapshot: CpuSnapshot = new Map();
  for (const pid of readdirSync('/proc')) if (/^\d+$/.test(pid)) snapshot.set(pid, ticksOf(pid));
  return snapshot;
}

/** CPU seconds each group of processes used since `before`, the busiest first (only groups above `minSeconds`). */
export function cpuSince(before: CpuSnapshot, minSeconds = 0.05): { group: string; seconds: number }[] {
  const after = cpuSnapshot();
  const byGroup = new Map<string, number>();
  for (const [pid, ticks] of after) {
    const used = ticks - (before.get(pid) ?? 0);
    if (used <= 0) continue;
    const group = groupOf(pid) ?? `pid ${pid}`;
    byGroup.set(group, (byGroup.get(group) ?? 0) + used / ticksPerSecond);
  }
  return [...byGroup]
    .map(([group, seconds]) => ({ group, seconds }))
    .filter((g) => g.seconds >= minSeconds)
    .sort((a, b) => b.seconds - a.seconds);
}

function parentOf(pid: string): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1];
  } catch {
    return undefined;
  }
}

/** Processes that carry a terminal's bytes: ours (Chromium, the web server) and the engine's side. */
const engineSide = new Set(['dockerd', 'containerd', 'runc']);

/** Every container's shim and the processes under it (the shell, the generator) as one group. */
const containerGroup = 'engine: containerd-shim and container processes';

/**
 * CPU ticks of the processes a terminal benchmark involves: every descendant of `root` (this
 * process: Chromium and the web server it started), grouped by kind, plus the engine's processes
 * and the generator in the container (by name: machine-wide, so other users of the engine add to
 * it). The container group includes container processes that have exited.
 */
export function benchCpuSnapshot(root = String(process.pid)): Map<string, number> {
  const pids = readdirSync('/proc').filter((p) => /^\d+$/.test(p));
  const parents = new Map(pids.map((p) => [p, parentOf(p)]));
  const isOurs = (pid: string): boolean => {
    for (let p: string | undefined = pid, hops = 0; p && p !== '0' && hops < 64; p = parents.get(p), hops++) if (p === root) return true;
    return false;
  };
  const comms = new Map(pids.map((p) => [p, groupOf(p)?.split(' ')[0]]));
  const isInContainer = (pid: string): boolean => {
    for (let p: string | undefined = pid, hops = 0; p && p !== '0' && hops < 64; p = parents.get(p), hops++)
      if (comms.get(p)?.startsWith('containerd-shim')) return true;
    return false;
  };
  const byGroup = new Map<string, number>();
  for (const pid of pids) {
    const group = groupOf(pid);
    if (!group) continue;
    const comm = group.split(' ')[0]!;
    if (isInContainer(pid)) {
      // With the ticks of the children each has waited for: a generator that ran and exited between
      // two snapshots (each round's `dd | tr`) is found only there. A process that was counted
      // alive and then reaped moves within this one group, so it is not counted twice.
      byGroup.set(containerGroup, (byGroup.get(containerGroup) ?? 0) + ticksOf(pid, true));
      continue;
    }
    const key = isOurs(pid)
      ? pid === root
        ? 'bench process (raw reader, CDP driver)'
        : group
      : engineSide.has(comm)
        ? `engine: ${comm}`
        : undefined;
    if (key) byGroup.set(key, (byGroup.get(key) ?? 0) + ticksOf(pid));
  }
  return byGroup;
}

/** CPU seconds per group between two `benchCpuSnapshot`s (groups that appeared count from zero). */
export function cpuDelta(before: Map<string, number>, after: Map<string, number>): Map<string, number> {
  const delta = new Map<string, number>();
  for (const [group, ticks] of after) {
    const used = (ticks - (before.get(group) ?? 0)) / ticksPerSecond;
    if (used > 0) delta.set(group, used);
  }
  return delta;
}

export function addInto(total: Map<string, number>, more: Map<string, number>): void {
  for (const [k, v] of more) total.set(k, (total.get(k) ?? 0) + v);
}
