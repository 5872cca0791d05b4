import { execFileSync } from 'node:child_process';
/** Small helpers for benchmarks that report ratios against a baseline measured in the same run. */

export interface Measurement {
  name: string;
  /** What one unit of `value` is, e.g. "MB/s" or "ms". */
  unit: string;
  value: number;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Prints a baseline and the candidates as ratios to it; `higherIsBetter` decides the ratio's direction. */
export function report(title: string, baseline: Measurement, candidates: Measurement[], higherIsBetter: boolean): void {
  console.log(`\n## ${title}`);
  console.log(`baseline  ${baseline.name}: ${baseline.value.toFixed(2)} ${baseline.unit}`);
  for (const c of candidates) {
    const ratio = higherIsBetter ? c.value / baseline.value : baseline.value / c.value;
    console.log(
      `candidate ${c.name}: ${c.value.toFixed(2)} ${c.unit}  ratio ${ratio.toFixed(3)} (${higherIsBetter ? 'candidate/baseline' : 'baseline/candidate'}; 1.0 = as good as the baseline)`,
    );
  }
}

export async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await work();
  return { ms: performance.now() - t0, value };
}

/** One terminal flood's throughput, through Berth or xterm.js alone. */
export interface RenderedRun {
  /** MB/s until the last byte is in xterm's buffer (parsed). */
  parsedMBps: number;
  /** MB/s until the frame that shows it was rendered. */
  renderedMBps: number;
  /** Frames xterm.js rendered during the run, where counted. */
  frames?: number;
}

/** An idle container to open shells in (the fixture image), labelled as a test fixture; `remove()` it when done. */
export interface IdleContainer {
  readonly name: string;
  remove(): void;
}

/** Starts `<prefix>-<pid>` from the fixture image (scripts/setup-test-env.sh), idling until removed. */
export function startIdleContainer(prefix: string): IdleContainer {
  const name = `${prefix}-${process.pid}`;
  const fixture = ['--label', 'berth.test-fixture=true', 'berth-fixture/busybox:latest'];
  execFileSync('docker', ['run', '-d', '--name', name, ...fixture, 'sh', '-c', 'while true; do sleep 1; done'], { stdio: 'ignore' });
  return { name, remove: () => execFileSync('docker', ['rm', '-f', name], { stdio: 'ignore' }) };
}
