import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startWebServerProcess } from '../../scripts/web-server-process.js';
import { q, sleep } from '../berth-page.js';
import { CountingProxy, type ProxiedRequest } from './counting-proxy.js';
import { engineCall, engineSocket, RawEventReader, rawContainerList } from './engine-socket.js';
import { describeCounts, totalRequests } from './request-counts.js';
import { middle, summarize } from './sample-stats.js';
import { inParallel, removeAbandonedRuns, ScaleFixture, type ScaleContainer } from './scale-fixture.js';
import { ScalePage } from './scale-page.js';
import { describeTimes, pageResolver, serverResolver, windowSelfTimes, type WindowedProfile } from './load-breakdown.js';

/**
 * The scale section of `npm run bench` (issue 12): Berth's web server reaches the engine through a
 * counting proxy, Chromium shows its page, and the engine holds 1,000 containers (50 running) and
 * 200 images of this run. Every figure is printed beside a baseline from the same run; nothing asserts.
 */

const run = promisify(execFile);
const env = (name: string, fallback: number): number => Number(process.env[name] ?? fallback);
const plan = {
  running: env('BENCH_SCALE_RUNNING', 50),
  exited: env('BENCH_SCALE_EXITED', 150),
  total: env('BENCH_SCALE_CONTAINERS', 1000),
  images: env('BENCH_SCALE_IMAGES', 200),
  loads: env('BENCH_SCALE_LOADS', 3),
  starts: env('BENCH_SCALE_STARTS', 50),
  removals: env('BENCH_SCALE_REMOVALS', 500),
  idleSeconds: env('BENCH_SCALE_IDLE_S', 10),
};
/** Long-lived requests that say nothing about what an event costs. */
const streams = ['GET /events', 'GET /_ping'];

export interface FigureRow {
  figure: string;
  berth: string;
  baseline: string;
  ratio: string;
  goal: string;
}

export interface LoadTimeline {
  /** From navigation to the shell drawn, the containers list asked of the engine, answered, and the first row drawn (ms). */
  shellMs: number;
  listAskedMs: number;
  listAnsweredMs: number;
  rowsMs: number;
  requestsDuringLoad: string;
}

export interface ScaleFigures {
  rows: FigureRow[];
  timeline?: LoadTimeline;
  breakdown?: string[];
}

/** One load, profiled: when each step happened (µs, monotonic clock) and the page's CPU profile. */
interface ProfiledLoad {
  /** Containers lists the engine was answering at the same time as the one the page drew (itself included). */
  concurrentLists: number;
  navigatedUs: number;
  shellUs: number;
  listAskedUs: number;
  listAnsweredUs: number;
  wsArrivedUs: number;
  rowsUs: number;
  page: WindowedProfile;
}

/** performance.now() (ms) → the monotonic clock V8's profiles use (µs). */
const monoOffsetUs = Number(process.hrtime.bigint() / 1000n) - performance.now() * 1000;
const toMonoUs = (ms: number): number => ms * 1000 + monoOffsetUs;

/** `GET /containers/json` without filters: every container (a filtered one reads a few). */
const isFullList = (r: ProxiedRequest): boolean => r.key === 'GET /containers/json' && !/[?&]filters=/.test(r.url);

interface PageProfile {
  profile: WindowedProfile;
  /** Add to the page's performance.now() × 1000 to get the profile's clock (µs). */
  pageOffsetUs: number;
}

async function startPageProfile(page: ScalePage): Promise<void> {
  await page.cdp.send('Profiler.enable');
  await page.cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await page.cdp.send('Profiler.start');
}

async function stopPageProfile(page: ScalePage): Promise<PageProfile> {
  const { profile } = (await page.cdp.send('Profiler.stop')) as { profile: WindowedProfile };
  // The page's clock against ours: the midpoint of one round trip (about a millisecond off at worst).
  const before = performance.now();
  const pageNow = await page.pageNow();
  const after = performance.now();
  return { profile, pageOffsetUs: toMonoUs((before + after) / 2) - pageNow * 1000 };
}

async function profileLoad(page: ScalePage, proxy: CountingProxy, url: string): Promise<ProfiledLoad> {
  await startPageProfile(page);
  const logFrom = proxy.log.length;
  const { shell, rows, navigatedAt } = await page.load(url);
  const { profile } = await stopPageProfile(page);
  // The big message may be the images list; the containers list is the last big one before the rows.
  const bigOnes = page.reports.filter((r) => r.kind === 'ws' && r.at >= navigatedAt && r.at <= rows.at);
  const wsAt = bigOnes.at(-1)?.at ?? Number.NaN;
  // Its engine request: the last containers list answered before it (others' events may cause more lists).
  const list = proxy.log
    .slice(logFrom)
    .filter((r) => isFullList(r) && r.endedAt !== undefined && r.endedAt <= wsAt)
    .at(-1);
  const concurrent = proxy.log.filter(
    (r) => isFullList(r) && list && r.startedAt < list.endedAt! && (r.endedAt ?? Infinity) > list.startedAt,
  );
  return {
    concurrentLists: concurrent.length,
    navigatedUs: toMonoUs(navigatedAt),
    shellUs: toMonoUs(shell.at),
    listAskedUs: toMonoUs(list?.startedAt ?? Number.NaN),
    listAnsweredUs: toMonoUs(list?.endedAt ?? Number.NaN),
    wsArrivedUs: toMonoUs(wsAt),
    rowsUs: toMonoUs(rows.at),
    page: profile,
  };
}

/** Lines saying where the profiled load's time went, phase by phase, from both profiles. */
function describeBreakdown(load: ProfiledLoad, server: WindowedProfile | undefined, dist: string): string[] {
  const span = (a: number, b: number): string => `${((b - a) / 1000).toFixed(0)} ms`;
  const serverIn = (a: number, b: number): string =>
    server ? describeTimes(windowSelfTimes(server, a, b, serverResolver())) : 'no server profile';
  const pageIn = (a: number, b: number): string => describeTimes(windowSelfTimes(load.page, a, b, pageResolver(dist)));
  if (Number.isNaN(load.wsArrivedUs)) return [`no WebSocket message of 16 KiB or more before the first row: nothing to split`];
  const engine = Number.isNaN(load.listAskedUs)
    ? 'the engine was not asked for the containers list during the load (the server answered from what it held)'
    : `the engine answering the full containers list took ${span(load.listAskedUs, load.listAnsweredUs)} of it (asked at ` +
      `${span(load.navigatedUs, load.listAskedUs)}, ${load.concurrentLists} full lists in flight at once), then ` +
      `${span(load.listAnsweredUs, load.wsArrivedUs)} until the message; server CPU from the answer to the message: ${serverIn(load.listAnsweredUs, load.wsArrivedUs)}`;
  return [
    `navigation → the containers list's WebSocket message in the page: ${span(load.navigatedUs, load.wsArrivedUs)} (shell drawn at ${span(load.navigatedUs, load.shellUs)})`,
    `  page CPU: ${pageIn(load.navigatedUs, load.wsArrivedUs)}`,
    `  server CPU: ${serverIn(load.navigatedUs, load.wsArrivedUs)}`,
    `  ${engine}`,
    `message in the page → first row drawn: ${span(load.wsArrivedUs, load.rowsUs)}; page CPU: ${pageIn(load.wsArrivedUs, load.rowsUs)}`,
  ];
}

const ms = (n: number): string => `${n.toFixed(0)} ms`;

/** Waits until Berth has sent the engine nothing for `quietMs` (at most `maxMs`). */
async function quiet(proxy: CountingProxy, quietMs = 300, maxMs = 5000): Promise<void> {
  const until = performance.now() + maxMs;
  while (performance.now() < until) {
    const last = proxy.log.filter((r) => !streams.includes(r.key)).at(-1);
    const lastAt = Math.max(last?.startedAt ?? 0, last?.endedAt ?? 0);
    if (performance.now() - lastAt >= quietMs) return;
    await sleep(50);
  }
}

/** Loads the page `loads` times; median of (first row drawn − shell drawn), plus the last load's timeline. */
async function measureLoads(
  page: ScalePage,
  proxy: CountingProxy,
  url: string,
  loads: number,
): Promise<{ ms: number; all: number[]; timeline: LoadTimeline }> {
  const samples: number[] = [];
  let timeline: LoadTimeline | undefined;
  for (let i = 0; i < loads; i++) {
    const before = proxy.counts.snapshot();
    const logFrom = proxy.log.length;
    const { shell, rows, navigatedAt } = await page.load(url);
    samples.push(rows.at - shell.at);
    const list = proxy.log.slice(logFrom).find(isFullList);
    await quiet(proxy);
    timeline = {
      shellMs: shell.at - navigatedAt,
      listAskedMs: list ? list.startedAt - navigatedAt : NaN,
      listAnsweredMs: list?.endedAt !== undefined ? list.endedAt - navigatedAt : NaN,
      rowsMs: rows.at - navigatedAt,
      requestsDuringLoad: describeCounts(proxy.counts.since(before)),
    };
  }
  return { ms: middle(samples), all: samples, timeline: timeline! };
}

async function rawListMedian(times = 5): Promise<{ ms: number; count: number }> {
  const samples: number[] = [];
  let count = 0;
  for (let i = 0; i < times; i++) {
    const r = await rawContainerList();
    samples.push(r.ms);
    count = r.count;
  }
  return { ms: middle(samples), count };
}

const countContainerEvents = (reader: RawEventReader, from: number): number =>
  reader.events.slice(from).filter((e) => e.type === 'container').length;

export async function benchScale(): Promise<ScaleFigures> {
  console.log(`\n# Scale: ${plan.total} containers (${plan.running} running), ${plan.images} images, through a counting proxy`);
  const abandoned = await removeAbandonedRuns();
  if (abandoned > 0) console.log(`(removed ${abandoned} objects left by an earlier scale run that was killed)`);
  const fixture = new ScaleFixture();
  const proxy = await CountingProxy.start(join(tmpdir(), `berth-bench-scale-${process.pid}.sock`), engineSocket);
  const reader = await RawEventReader.open();
  let page: ScalePage | undefined;
  const rows: FigureRow[] = [];
  let timeline: LoadTimeline | undefined;
  let breakdown: string[] | undefined;
  let profiled: ProfiledLoad | undefined;
  let burstProfile: (PageProfile & { burstStartUs: number; settledUs: number; longTasks: Array<[number, number]> }) | undefined;
  const dist = process.env.BENCH_DIST ?? 'dist';
  const profileDir = process.env.BENCH_SCALE_BREAKDOWN === '1' ? mkdtempSync(join(tmpdir(), 'berth-bench-scale-prof-')) : undefined;
  const onSignal = (): void => void fixture.cleanup().finally(() => process.exit(130));
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const web = await startWebServerProcess({
    dist,
    args: ['--docker-host', proxy.dockerHost],
    nodeArgs: profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, '--cpu-prof-interval=250'] : [],
  });
  try {
    page = await ScalePage.open();
    const origin = new URL(web.url).origin;

    // 1 container of ours (others' fixtures may share the engine: the summary says how many in all).
    await fixture.createContainer(`${fixture.prefix}solo`, ['sleep', '86400']);
    const smallRaw = await rawListMedian();
    await page.load(web.url); // trades the token for the cookie
    await quiet(proxy);
    const small = await measureLoads(page, proxy, `${origin}/`, plan.loads);
    const smallFootprint = await page.footprint();
    rows.push({
      figure: `containers list drawn after the shell, ${smallRaw.count} container(s)`,
      berth: ms(small.ms),
      baseline: `raw list ${smallRaw.ms.toFixed(1)} ms`,
      ratio: `${(small.ms / smallRaw.ms).toFixed(1)}×`,
      goal: `≤ ${(1.5 * smallRaw.ms + 100).toFixed(0)} ms`,
    });

    const t0 = performance.now();
    const made = await fixture.createContainers(
      { running: plan.running, exited: plan.exited, created: plan.total - plan.running - plan.exited - 1, images: plan.images },
      (n) => process.stdout.write(`\r(created ${n} containers)`),
    );
    await fixture.createImages(plan.images);
    console.log(`\r(made ${plan.total} containers and ${plan.images} images in ${((performance.now() - t0) / 1000).toFixed(1)} s)`);
    await quiet(proxy, 1000, 15_000);

    // Figure 1: the list drawn after the shell, against the raw list call.
    const bigRaw = await rawListMedian();
    const big = await measureLoads(page, proxy, `${origin}/`, plan.loads);
    timeline = big.timeline;
    rows.push({
      figure: `containers list drawn after the shell, ${bigRaw.count} containers`,
      berth: `${ms(big.ms)} (${big.all.map((n) => n.toFixed(0)).join(', ')})`,
      baseline: `raw list ${bigRaw.ms.toFixed(1)} ms`,
      ratio: `${(big.ms / bigRaw.ms).toFixed(1)}×`,
      goal: `≤ ${(1.5 * bigRaw.ms + 100).toFixed(0)} ms`,
    });

    // Item 3: one more load, profiled (page and server), to say where its time goes.
    if (profileDir) profiled = await profileLoad(page, proxy, `${origin}/`);

    // Figure 5: heap and DOM with the big list, beside the same page with the small one.
    const bigFootprint = await page.footprint();
    rows.push({
      figure: `page JS heap after GC, ${bigRaw.count} containers`,
      berth: `${bigFootprint.heapMB.toFixed(1)} MB`,
      baseline: `${smallFootprint.heapMB.toFixed(1)} MB with ${smallRaw.count}`,
      ratio: `${(bigFootprint.heapMB / smallFootprint.heapMB).toFixed(2)}×`,
      goal: '–',
    });
    rows.push({
      figure: `DOM elements (nodes), ${bigRaw.count} containers`,
      berth: `${bigFootprint.domElements} (${bigFootprint.domNodes})`,
      baseline: `${smallFootprint.domElements} (${smallFootprint.domNodes}) with ${smallRaw.count}`,
      ratio: `${(bigFootprint.domElements / smallFootprint.domElements).toFixed(2)}×`,
      goal: '–',
    });

    // Figure 3b: engine requests while idle.
    await quiet(proxy, 1000, 10_000);
    const idleFrom = proxy.counts.snapshot();
    const idleEvents = reader.events.length;
    await sleep(plan.idleSeconds * 1000);
    const idle = proxy.counts.since(idleFrom);
    rows.push({
      figure: `engine requests while idle ${plan.idleSeconds} s`,
      berth: `${totalRequests(idle, streams)}${totalRequests(idle, streams) ? ` (${describeCounts(idle)})` : ''}`,
      baseline: `${reader.events.slice(idleEvents).filter((e) => e.type === 'container').length} container events (${reader.events.length - idleEvents} in all) of other tests in the window`,
      ratio: '–',
      goal: '0',
    });

    // Figure 2 and 3a: CLI start → row says running, against the engine's own event stream; and
    // the engine requests each start's events cost, counted from the start until Berth is quiet
    // again. Other tests share the engine: a window with their container events in it is "busy".
    const targets = made.created.slice(0, plan.starts);
    const phaseFrom = proxy.counts.snapshot();
    const phaseEvents = reader.events.length;
    const lags: number[] = [];
    const clean = { requests: 0, events: 0, windows: 0 };
    const rowsIn = (c: ScaleContainer, pattern: string): string =>
      `() => /${pattern}/.test([...document.querySelectorAll('[role="row"]')].find((r) => r.getAttribute('aria-label') === ${q(c.name)})?.textContent ?? '')`;
    for (const c of targets) {
      await page.setFilter(c.name);
      await page.watch(`shown ${c.name}`, rowsIn(c, 'created'));
      await quiet(proxy);
      const from = reader.events.length;
      const counted = proxy.counts.snapshot();
      const running = page.watch(`running ${c.name}`, rowsIn(c, 'running'));
      await run('docker', ['start', c.name]);
      const seen = await reader.waitFor((e) => e.type === 'container' && e.action === 'start' && e.id === c.id, from);
      lags.push((await running).at - seen.seenAt);
      await quiet(proxy);
      const events = reader.events.slice(from).filter((e) => e.type === 'container');
      if (events.every((e) => e.id === c.id)) {
        clean.requests += totalRequests(proxy.counts.since(counted), streams);
        clean.events += events.length;
        clean.windows++;
      }
    }
    await quiet(proxy, 1000);
    const phaseRequests = proxy.counts.since(phaseFrom);
    const phaseContainerEvents = countContainerEvents(reader, phaseEvents);
    const foreign = reader.events.slice(phaseEvents).filter((e) => e.type === 'container' && !targets.some((t) => t.id === e.id)).length;
    const lag = summarize(lags);
    rows.push({
      figure: `CLI start → row says running, ${bigRaw.count} containers (${lag.n} starts; ${foreign} container events of other tests meanwhile)`,
      berth: `median ${ms(lag.median)}, p95 ${ms(lag.p95)} after the event`,
      baseline: 'raw /events reader: 0',
      ratio: '–',
      goal: 'p95 ≤ 50 ms',
    });
    rows.push({
      figure: `engine requests per container event (${clean.windows} of ${targets.length} starts with no other test's event)`,
      berth: clean.events > 0 ? (clean.requests / clean.events).toFixed(2) : 'no quiet window',
      baseline: `whole phase: ${totalRequests(phaseRequests, streams)} requests for ${phaseContainerEvents} container events (${describeCounts(phaseRequests)})`,
      ratio: '–',
      goal: '≤ 2',
    });

    // Figure 4: a burst of removals settles, without long tasks.
    await page.setFilter(fixture.prefix);
    const mine = (await rawContainerListOf(fixture.prefix)).length;
    await page.watch('filtered', `() => document.querySelector('.view-summary')?.textContent.includes(${q(`${mine} shown`)})`);
    await quiet(proxy);
    const victims = [...made.created.slice(plan.starts), ...made.exited].slice(0, plan.removals);
    const left = mine - victims.length;
    const pageFrom = await page.pageNow();
    const burstFrom = reader.events.length;
    const settled = page.watch(
      'settled',
      `() => document.querySelector('.view-summary')?.textContent.includes(${q(`${left} shown`)})`,
      120_000,
    );
    if (profileDir) await startPageProfile(page);
    const burstStart = performance.now();
    await inParallel(victims, 16, (c) => fixture.remove(c.id));
    const ids = new Set(victims.map((c) => c.id));
    const destroys = reader.events.slice(burstFrom).filter((e) => e.type === 'container' && e.action === 'destroy' && ids.has(e.id));
    const lastDestroy = Math.max(...destroys.map((e) => e.seenAt));
    const settledAt = (await settled).at;
    const longTasks = await page.longTasksSince(pageFrom);
    const worst = Math.max(0, ...longTasks.map(([, d]) => d));
    if (profileDir)
      burstProfile = { ...(await stopPageProfile(page)), burstStartUs: toMonoUs(burstStart), settledUs: toMonoUs(settledAt), longTasks };
    rows.push({
      figure: `burst of ${victims.length} removals: table shows the final count`,
      berth: `${ms(settledAt - lastDestroy)} after the last destroy event (${ms(settledAt - burstStart)} after the first removal)`,
      baseline: `engine took ${ms(lastDestroy - burstStart)} for the removals`,
      ratio: '–',
      goal: '≤ 2000 ms',
    });
    rows.push({
      figure: 'long tasks during the burst',
      berth: `${longTasks.length} (worst ${ms(worst)}, ${longTasks.filter(([, d]) => d > 50).length} over 50 ms)`,
      baseline: '–',
      ratio: '–',
      goal: 'none over 50 ms',
    });
  } finally {
    await page?.close().catch(() => undefined);
    await web.stop();
    reader.close();
    await proxy.close();
    const failures = await fixture.cleanup();
    if (failures.length > 0) console.log(`(could not remove: ${failures.join('; ')})`);
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  if (profileDir && profiled) {
    const file = readdirSync(profileDir).find((f) => f.endsWith('.cpuprofile'));
    const server = file ? (JSON.parse(readFileSync(join(profileDir, file), 'utf8')) as WindowedProfile) : undefined;
    breakdown = describeBreakdown(profiled, server, dist);
  }
  if (burstProfile) {
    const resolve = pageResolver(dist);
    const b = burstProfile;
    breakdown = [
      ...(breakdown ?? []),
      `burst: page CPU from the first removal to the final count: ${describeTimes(windowSelfTimes(b.profile, b.burstStartUs, b.settledUs, resolve))}`,
    ];
    for (const [start, duration] of b.longTasks.filter(([, d]) => d > 50)) {
      const from = b.pageOffsetUs + start * 1000;
      breakdown.push(`  long task of ${ms(duration)}: ${describeTimes(windowSelfTimes(b.profile, from, from + duration * 1000, resolve))}`);
    }
  }
  if (profileDir) rmSync(profileDir, { recursive: true, force: true });
  printTable(rows, timeline);
  if (breakdown)
    console.log(
      `\nWhere the time goes: one ${plan.total}-container load, and the burst (profiled, so slower than the figures above):\n- ${breakdown.join('\n- ')}`,
    );
  console.log(
    `\n(load average at the end: ${loadavg()
      .map((n) => n.toFixed(1))
      .join(' ')} on this machine; build served: ${dist})`,
  );
  return { rows, timeline, ...(breakdown ? { breakdown } : {}) };
}

async function rawContainerListOf(prefix: string): Promise<string[]> {
  const all = JSON.parse((await engineCall('GET', '/v1.41/containers/json?all=1')).toString()) as { Names: string[] }[];
  return all.map((c) => (c.Names[0] ?? '').replace(/^\//, '')).filter((n) => n.startsWith(prefix));
}

export function printTable(rows: readonly FigureRow[], timeline?: LoadTimeline): void {
  console.log('\n| figure | Berth | baseline (same run) | ratio | goal |\n|---|---|---|---|---|');
  for (const r of rows) console.log(`| ${r.figure} | ${r.berth} | ${r.baseline} | ${r.ratio} | ${r.goal} |`);
  if (timeline) {
    console.log(
      `\nLast big load, from navigation: shell drawn ${ms(timeline.shellMs)}, ` +
        (Number.isNaN(timeline.listAskedMs)
          ? 'full containers list not asked of the engine'
          : `full containers list asked of the engine ${ms(timeline.listAskedMs)}, answered ${ms(timeline.listAnsweredMs)}`) +
        `, first row drawn ${ms(timeline.rowsMs)}.\nEngine requests during that load: ${timeline.requestsDuringLoad}`,
    );
  }
}
