/** The parts of a V8 CPU profile (Chrome DevTools Protocol `Profiler.Profile`, Node's `.cpuprofile`) we read. */
export interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }[];
  samples?: number[];
  timeDeltas?: number[];
  startTime: number;
  endTime: number;
}

export interface ProfileLine {
  name: string;
  ms: number;
  share: number;
}

/** Self time per function (name + file), the largest first; `(idle)`, `(program)` and GC appear as V8 names them. */
export function selfTimes(profile: CpuProfile, top = 20): { totalMs: number; lines: ProfileLine[] } {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const ms = new Map<string, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i++) {
    const node = byId.get(samples[i]!);
    if (!node) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    const file = url ? url.split('/').pop()!.split('?')[0] : '';
    const name = file ? `${functionName || '(anonymous)'} ${file}:${lineNumber + 1}` : functionName || '(anonymous)';
    // A sample's delta is the time since the previous one; attribute the next delta to this sample.
    const dt = (deltas[i + 1] ?? 0) / 1000;
    ms.set(name, (ms.get(name) ?? 0) + dt);
  }
  const totalMs = (profile.endTime - profile.startTime) / 1000;
  const lines = [...ms]
    .map(([name, t]) => ({ name, ms: t, share: t / totalMs }))
    .sort((a, b) => b.ms - a.ms)
    .slice(0, top);
  return { totalMs, lines };
}

export function printSelfTimes(title: string, profile: CpuProfile, top = 20): void {
  const { totalMs, lines } = selfTimes(profile, top);
  console.log(`\n### ${title}: self time over ${totalMs.toFixed(0)} ms`);
  for (const l of lines) console.log(`${l.ms.toFixed(1).padStart(8)} ms ${(l.share * 100).toFixed(1).padStart(5)} %  ${l.name}`);
}
