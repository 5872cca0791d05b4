// `node --import tsx bench/profile-terminal.ts`: where the time goes when a terminal floods.
// One throughput run into Berth in Chromium (driven over bare CDP, as the bench is: see
// cdp-page.ts), with a CPU profile of the page's main thread (CDP Profiler) or, with
// BENCH_PROFILE=trace, a trace of every thread; one profile of the web server (node --cpu-prof);
// and the CPU seconds every process on the machine used. Needs `npm run build` first. Not part of
// `npm run bench`: profiling itself slows things down. BENCH_PROFILE_OUT=file keeps the page profile.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromiumArgs, chromiumPath, openShellInPage, startWebServer } from './berth-page.js';
import { renderedThroughput } from './browser-terminal.js';
import { CdpPage } from './cdp-page.js';
import { printSelfTimes, type CpuProfile } from './cpu-profile-summary.js';
import { cpuSince, cpuSnapshot } from './process-cpu.js';
import { printThreadSelfTimes, type TraceEvent } from './trace-summary.js';
import { startIdleContainer } from './bench-kit.js';

const blocks = Number(process.env.BENCH_RENDER_BLOCKS ?? 160);
const args = [...chromiumArgs, ...(process.env.BENCH_CHROMIUM_ARGS ?? '').split(' ').filter(Boolean)];
const trace = process.env.BENCH_PROFILE === 'trace';
const fixture = startIdleContainer('berth-e2e-tp-prof');
const container = fixture.name;
const profDir = mkdtempSync(join(tmpdir(), 'berth-prof-'));
const server = await startWebServer([`--cpu-prof`, `--cpu-prof-dir=${profDir}`]);
const page = await CdpPage.launch(chromiumPath, args, server.url, { width: 1400, height: 900 });
try {
  await openShellInPage(page, container);
  // One unprofiled run first, so the profile shows the steady state, not the first run's compiling.
  await renderedThroughput(page, container, Math.min(blocks, 40));
  const events: TraceEvent[] = [];
  const traced = trace
    ? new Promise<void>((resolve) => page.onEvent((method) => method === 'Tracing.tracingComplete' && resolve()))
    : undefined;
  page.onEvent((method, params) => {
    if (method === 'Tracing.dataCollected') events.push(...(params as { value: TraceEvent[] }).value);
  });
  if (trace) {
    await page.send('Tracing.start', {
      categories: 'devtools.timeline,disabled-by-default-devtools.timeline,v8,blink,cc,gpu,viz,toplevel',
      transferMode: 'ReportEvents',
    });
  } else {
    await page.send('Profiler.enable');
    await page.send('Profiler.setSamplingInterval', { interval: 200 });
    await page.send('Profiler.start');
  }
  const cpu = cpuSnapshot();
  const t0 = performance.now();
  const run = await renderedThroughput(page, container, blocks);
  const ms = performance.now() - t0;
  const used = cpuSince(cpu);
  let profile: CpuProfile | undefined;
  if (trace) {
    await page.send('Tracing.end');
    await traced;
  } else profile = ((await page.send('Profiler.stop')) as { profile: CpuProfile }).profile;
  console.log(
    `\n## ${((blocks * 65536) / 1e6).toFixed(1)} MB into Berth in Chromium (${args.join(' ')}): parsed at ${run.parsedMBps.toFixed(2)} MB/s, rendered at ${run.renderedMBps.toFixed(2)} MB/s`,
  );
  console.log(
    `\n### CPU seconds per process during the run (wall ${(ms / 1000).toFixed(2)} s, 2 cores = ${((2 * ms) / 1000).toFixed(2)} s available)`,
  );
  for (const u of used.slice(0, 12)) console.log(`${u.seconds.toFixed(2).padStart(7)} s  ${u.group}`);
  if (profile) printSelfTimes('Page main thread (CDP Profiler)', profile, 25);
  if (profile && process.env.BENCH_PROFILE_OUT) writeFileSync(process.env.BENCH_PROFILE_OUT, JSON.stringify(profile));
  if (trace) printThreadSelfTimes(events, ms);
} finally {
  await page.close();
  await server.stop();
  fixture.remove();
}
const serverProfile = readdirSync(profDir).find((f) => f.endsWith('.cpuprofile'));
if (serverProfile && process.env.BENCH_PROFILE_OUT)
  writeFileSync(`${process.env.BENCH_PROFILE_OUT}.server`, readFileSync(join(profDir, serverProfile)));
if (serverProfile)
  printSelfTimes(
    'Web server (node --cpu-prof, whole life incl. start-up)',
    JSON.parse(readFileSync(join(profDir, serverProfile), 'utf8')) as CpuProfile,
    20,
  );
rmSync(profDir, { recursive: true, force: true });
