import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type CDPSession, type Page } from 'playwright-core';
import { LogModel } from '../renderer/features/container-detail/log-lines.js';
import { median, percentile } from './bench-kit.js';
import { startWebServer } from './berth-page.js';

/**
 * The Logs tab under a flood of ~10,000 lines a second (issue 3): stalls, frame gaps, heap, how far
 * behind the container's tail the view is, and how long a click takes to take effect, in Chromium
 * (software rendering) through the web server. Baseline: `docker logs -f` read by a plain consumer.
 */

const chromiumPath = process.env.BERTH_CHROMIUM ?? '/usr/bin/chromium';
const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const image = 'berth-fixture/busybox:latest';
const floodSeconds = Number(process.env.BENCH_FLOOD_SECONDS ?? 10);
/** Lines per 100 ms burst; a little over 1,000 because the pause between bursts is not free. */
const burst = Number(process.env.BENCH_FLOOD_BURST ?? 1100);

/** Every line starts `L<n> `; every 10th is coloured, every 50th goes to stderr. */
const generator = `BEGIN { n = 0; while (1) { for (i = 0; i < ${burst}; i++) { n++;
  if (n % 50 == 0) printf "L%d stderr: warning line number %d of the flood\\n", n, n > "/dev/stderr";
  else if (n % 10 == 0) printf "\\033[3%dmL%d coloured line\\033[0m with some plain text after it %d\\n", n % 7 + 1, n, n;
  else printf "L%d plain line of the flood, something a robot driver would print %d\\n", n, n }
  fflush(); system("usleep 100000") } }`;

/** Follows `docker logs -f --tail 0` and keeps the newest line number seen, with wall-clock times. */
class TailReader {
  private readonly child: ChildProcess;
  lines = 0;
  newest = 0;
  firstAt = 0;
  readonly samples: Array<{ at: number; newest: number }> = [];
  private rest = '';

  constructor(container: string) {
    this.child = spawn('docker', ['logs', '-f', '--tail', '0', container], { stdio: ['ignore', 'pipe', 'pipe'] });
    const onData = (chunk: Buffer): void => {
      if (this.firstAt === 0) this.firstAt = Date.now();
      const text = this.rest + chunk.toString('latin1');
      const parts = text.split('\n');
      this.rest = parts.pop() ?? '';
      this.lines += parts.length;
      for (let i = parts.length - 1; i >= 0; i--) {
        const m = /L(\d+) /.exec(parts[i]!);
        if (m) {
          this.newest = Math.max(this.newest, Number(m[1]));
          break;
        }
      }
      this.samples.push({ at: Date.now(), newest: this.newest });
    };
    this.child.stdout?.on('data', onData);
    this.child.stderr?.on('data', onData);
  }

  /** The newest line number the plain reader had seen at wall-clock time `at`. */
  newestAt(at: number): number {
    let best = 0;
    for (const s of this.samples) {
      if (s.at > at) break;
      best = s.newest;
    }
    return best;
  }

  stop(): void {
    this.child.kill('SIGTERM');
  }
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Baseline: lines a second that `docker logs -f` hands a plain Node consumer. */
async function baselineLinesPerSecond(container: string, seconds: number): Promise<number> {
  const reader = new TailReader(container);
  await sleep(500);
  const from = { at: Date.now(), lines: reader.lines };
  await sleep(seconds * 1000);
  const rate = (reader.lines - from.lines) / ((Date.now() - from.at) / 1000);
  reader.stop();
  return rate;
}

/** In-page probes: long tasks, rAF gaps, and (every frame) the line number of the last rendered row. */
const installProbes = `(() => {
  const probe = { longTasks: [], frames: [], shown: [], running: true };
  window.__logFlood = probe;
  new PerformanceObserver((list) => { for (const e of list.getEntries()) probe.longTasks.push(e.duration); }).observe({ type: 'longtask' });
  let last = performance.now();
  const view = document.querySelector('[role="log"]');
  const frame = (now) => {
    probe.frames.push(now - last);
    last = now;
    const rows = view ? view.querySelectorAll('.cd-log-line') : [];
    let newest = 0;
    for (let i = rows.length - 1; i >= 0 && i >= rows.length - 3; i--) {
      const m = /L(\\d+) /.exec(rows[i].textContent || '');
      if (m) { newest = Math.max(newest, Number(m[1])); }
    }
    probe.shown.push([performance.timeOrigin + now, newest]);
    if (probe.running) requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
})()`;

interface ProbeResult {
  longTasks: number[];
  frames: number[];
  shown: Array<[number, number]>;
}

/** From the click's pointerdown to the first frame in which `selector` is in the DOM (checked every frame). */
async function clickToEffect(page: Page, tab: string, selector: string): Promise<number> {
  await page.evaluate(`window.__clickMs = new Promise((resolve) => {
    const onDown = (e) => {
      document.removeEventListener('pointerdown', onDown, true);
      const t0 = e.timeStamp;
      const check = (now) => document.querySelector(${JSON.stringify(selector)}) ? resolve(now - t0) : requestAnimationFrame(check);
      requestAnimationFrame(check);
    };
    document.addEventListener('pointerdown', onDown, true);
  }); undefined`);
  await page.getByRole('tab', { name: tab, exact: true }).click();
  return (await page.evaluate('window.__clickMs')) as number;
}

async function heapUsedMB(cdp: CDPSession): Promise<number> {
  const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  return usedSize / 1e6;
}

export interface LogFloodFigures {
  baselineLinesPerSecond: number;
  followedLinesPerSecond: number;
  lagLines: { median: number; max: number };
  longTasks: { count: number; worst: number; p95: number };
  frameGapMs: { p95: number; max: number };
  heapMB: { start: number; max: number; end: number };
  clickMs: number[];
  mainThread: { cpuMsPerSecond: number; worstTaskCpuMs: number; tasksOver50msCpu: number };
}

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string };
}

/** The page's main thread: CPU time of its top-level tasks (µs in the trace) per second, and the worst task. */
function mainThreadCpu(events: readonly TraceEvent[], seconds: number): LogFloodFigures['mainThread'] {
  const mains = new Set(
    events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`),
  );
  const tasks = new Map<string, number[]>();
  for (const e of events) {
    const thread = `${e.pid}:${e.tid}`;
    if (e.ph !== 'X' || e.name !== 'RunTask' || e.tdur === undefined || !mains.has(thread)) continue;
    const list = tasks.get(thread) ?? [];
    list.push(e.tdur / 1000);
    tasks.set(thread, list);
  }
  // Several renderer processes may run (the page, a spare): the page's is the busiest.
  if (tasks.size === 0) console.log(`(no main-thread tasks in the trace: ${events.length} events, ${mains.size} renderer main threads)`);
  const busiest = [...tasks.values()].sort((a, b) => b.reduce((x, y) => x + y, 0) - a.reduce((x, y) => x + y, 0))[0] ?? [];
  return {
    cpuMsPerSecond: busiest.reduce((x, y) => x + y, 0) / seconds,
    worstTaskCpuMs: Math.max(0, ...busiest),
    tasksOver50msCpu: busiest.filter((ms) => ms > 50).length,
  };
}

export async function benchLogFlood(): Promise<LogFloodFigures> {
  const container = `berth-bench-lf-${process.pid}`;
  spawnSyncDocker(['run', '-d', '--name', container, '--label', 'berth.test-fixture=true', '--stop-timeout', '1', image, 'awk', generator]);
  const server = await startWebServer();
  const profile = mkdtempSync(join(tmpdir(), 'berth-bench-chromium-'));
  let context: BrowserContext | undefined;
  let reader: TailReader | undefined;
  try {
    const baseline = await baselineLinesPerSecond(container, 5);
    context = await chromium.launchPersistentContext(profile, {
      executablePath: chromiumPath,
      args: chromiumArgs,
      viewport: { width: 1400, height: 900 },
    });
    const page = context.pages()[0] ?? (await context.newPage());
    const cdp = await context.newCDPSession(page);
    await page.goto(server.url);
    await page.getByLabel('Filter containers').fill(container);
    await page.getByRole('row', { name: container, exact: true }).getByRole('button', { name: container, exact: true }).click();
    const log = page.getByRole('log', { name: `Logs ${container}` });
    await log.locator('.cd-log-line').first().waitFor({ timeout: 30_000 });
    await sleep(1000);
    reader = new TailReader(container);
    await sleep(500);
    const heap: number[] = [await heapUsedMB(cdp)];
    const profilePath = process.env.BENCH_LOG_PROFILE;
    if (profilePath) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
      await cdp.send('Profiler.start');
    }
    // Top-level tasks with their thread CPU time: tells the page's own work from time the thread
    // waited for a CPU (the machine is shared), which wall-clock long tasks cannot.
    const tracePath = process.env.BENCH_LOG_TRACE;
    const traceEvents: TraceEvent[] = [];
    cdp.on('Tracing.dataCollected', (e) => void traceEvents.push(...(e.value as unknown as TraceEvent[])));
    const categories = tracePath
      ? 'toplevel,devtools.timeline,disabled-by-default-devtools.timeline,v8,blink'
      : 'toplevel,disabled-by-default-devtools.timeline';
    await cdp.send('Tracing.start', { categories, transferMode: 'ReportEvents' });
    const windowStart = Date.now();
    await page.evaluate(installProbes);
    const until = Date.now() + floodSeconds * 1000;
    while (Date.now() < until) {
      await sleep(1000);
      heap.push(await heapUsedMB(cdp));
    }
    const probe = (await page.evaluate('(() => { window.__logFlood.running = false; return window.__logFlood; })()')) as ProbeResult;
    if (profilePath) {
      const { profile: cpuProfile } = (await cdp.send('Profiler.stop')) as { profile: unknown };
      writeFileSync(profilePath, JSON.stringify(cpuProfile));
      console.log(`(CPU profile of the flood window written to ${profilePath})`);
    }
    const windowSeconds = (Date.now() - windowStart) / 1000;
    const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
    await cdp.send('Tracing.end');
    await complete;
    if (tracePath) {
      writeFileSync(tracePath, JSON.stringify({ traceEvents }));
      console.log(`(Chromium trace of the flood window written to ${tracePath})`);
    }
    const mainThread = mainThreadCpu(traceEvents, windowSeconds);
    // Input: switch to Stats and back to Logs a few times during the flood.
    const clickMs: number[] = [];
    for (let i = 0; i < 3; i++) {
      clickMs.push(await clickToEffect(page, 'Stats', '#detail-panel-Stats'));
      await sleep(400);
      clickMs.push(await clickToEffect(page, 'Logs', '#detail-panel-Logs [role="log"]'));
      await sleep(800);
    }
    const shown = probe.shown.filter(([, n]) => n > 0);
    const first = shown[0];
    const last = shown[shown.length - 1];
    const followed = first && last && last[0] > first[0] ? (last[1] - first[1]) / ((last[0] - first[0]) / 1000) : 0;
    const lags = shown.map(([at, n]) => Math.max(0, reader!.newestAt(at) - n));
    const figures: LogFloodFigures = {
      baselineLinesPerSecond: baseline,
      followedLinesPerSecond: followed,
      lagLines: { median: lags.length ? median(lags) : NaN, max: lags.length ? Math.max(...lags) : NaN },
      longTasks: {
        count: probe.longTasks.length,
        worst: Math.max(0, ...probe.longTasks),
        p95: probe.longTasks.length ? percentile(probe.longTasks, 95) : 0,
      },
      frameGapMs: { p95: percentile(probe.frames, 95), max: Math.max(...probe.frames) },
      heapMB: { start: heap[0]!, max: Math.max(...heap), end: heap[heap.length - 1]! },
      clickMs,
      mainThread,
    };
    printFigures(figures);
    return figures;
  } finally {
    reader?.stop();
    await context?.close();
    await server.stop();
    rmSync(profile, { recursive: true, force: true });
    spawnSyncDocker(['rm', '-f', container]);
  }
}

function spawnSyncDocker(args: string[]): void {
  execFileSync('docker', args, { stdio: 'ignore' });
}

function printFigures(f: LogFloodFigures): void {
  const ratio = f.followedLinesPerSecond / f.baselineLinesPerSecond;
  console.log(`\n## Logs tab under a flood (~${burst * 10} lines/s container, ${floodSeconds} s, Chromium software rendering)`);
  console.log(`baseline  docker logs -f, plain Node reader: ${f.baselineLinesPerSecond.toFixed(0)} lines/s`);
  console.log(
    `candidate Berth Logs tab (follow), newest line on screen advances at: ${f.followedLinesPerSecond.toFixed(0)} lines/s  ratio ${ratio.toFixed(3)} (candidate/baseline; 1.0 = keeps up)`,
  );
  console.log(
    `          behind the container's tail (vs a plain reader at the same moment): median ${f.lagLines.median.toFixed(0)} lines, max ${f.lagLines.max.toFixed(0)} lines`,
  );
  console.log(
    `long tasks (>50 ms): ${f.longTasks.count}, worst ${f.longTasks.worst.toFixed(0)} ms, p95 ${f.longTasks.p95.toFixed(0)} ms (target: none over 100 ms)`,
  );
  console.log(
    `page main thread's own work: ${f.mainThread.cpuMsPerSecond.toFixed(0)} ms of CPU per second; worst task ${f.mainThread.worstTaskCpuMs.toFixed(1)} ms of CPU; ${f.mainThread.tasksOver50msCpu} tasks over 50 ms of CPU (wall-clock long tasks beyond that are waits for a CPU on this shared machine)`,
  );
  console.log(
    `frame gaps (rAF intervals): p95 ${f.frameGapMs.p95.toFixed(1)} ms, max ${f.frameGapMs.max.toFixed(1)} ms (target: p95 under 50 ms)`,
  );
  console.log(`JS heap: ${f.heapMB.start.toFixed(1)} MB at start, max ${f.heapMB.max.toFixed(1)} MB, ${f.heapMB.end.toFixed(1)} MB at end`);
  console.log(
    `click to effect (Stats/Logs tab switches during the flood): median ${median(f.clickMs).toFixed(0)} ms, max ${Math.max(...f.clickMs).toFixed(0)} ms`,
  );
}

/**
 * The Logs tab's line model alone, no browser: 100,000 coloured lines pushed in 1,000-line chunks
 * into a 50,000-line ring (what log-lines.test.ts checks for correctness). Baseline: splitting the
 * same text into lines, the least any line store must do.
 */
export function benchLogModel(rounds = Number(process.env.BENCH_ROUNDS ?? 5)): { modelMs: number; splitMs: number } {
  const text = Array.from({ length: 1000 }, (_, i) => `\u001b[32mline\u001b[0m ${i}`).join('\n') + '\n';
  const chunk = { stream: 'stdout' as const, data: new TextEncoder().encode(text) };
  const modelMs: number[] = [];
  const splitMs: number[] = [];
  for (let round = 0; round < rounds; round++) {
    let started = performance.now();
    const model = new LogModel({ capacity: 50_000 });
    for (let i = 0; i < 100; i++) model.push([chunk]);
    modelMs.push(performance.now() - started);
    started = performance.now();
    let lines = 0;
    const decoder = new TextDecoder();
    for (let i = 0; i < 100; i++) lines += decoder.decode(chunk.data).split('\n').length - 1;
    splitMs.push(performance.now() - started);
    if (lines !== 100_000 || model.length !== 50_000) throw new Error('the log model bench lost lines');
  }
  const figures = { modelMs: median(modelMs), splitMs: median(splitMs) };
  console.log('\n## Log line model (100,000 coloured lines into a 50,000-line ring, no browser)');
  console.log(`baseline  decode + split into lines: median ${figures.splitMs.toFixed(1)} ms`);
  console.log(
    `candidate LogModel.push: median ${figures.modelMs.toFixed(1)} ms  ratio ${(figures.modelMs / figures.splitMs).toFixed(2)} (candidate/baseline)`,
  );
  return figures;
}

// Run alone: `node --import tsx bench/log-flood.ts` (after `npm run build`).
if (process.argv[1]?.endsWith('log-flood.ts')) {
  benchLogModel();
  await benchLogFlood();
}
