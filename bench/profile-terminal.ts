// `node --import tsx bench/profile-terminal.ts`: where the time goes when a terminal floods.
// One throughput run into Berth in Chromium, with a CPU profile of the page (CDP Profiler), one of
// the web server (node --cpu-prof) and the CPU seconds every process on the machine used.
// Needs `npm run build` first. Not part of `npm run bench`: profiling itself slows things down, and
// this drives the page with Playwright, whose Network instrumentation copies every WebSocket frame
// to the driver (see cdp-page.ts): the "chromium" (browser) process and this process pay for that.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { chromiumArgs, chromiumPath, startWebServer } from './browser-terminal.js';
import { printSelfTimes, type CpuProfile } from './cpu-profile-summary.js';
import { cpuSince, cpuSnapshot } from './process-cpu.js';
import { printThreadSelfTimes, type TraceEvent } from './trace-summary.js';

async function openShellInPage(page: Page, url: string, container: string): Promise<void> {
  await page.goto(url);
  await page.getByLabel('Filter containers').fill(container);
  await page.getByRole('row', { name: container, exact: true }).getByRole('button', { name: 'Open shell', exact: true }).click();
  await page.getByRole('region', { name: `Terminal ${container}`, exact: true }).click();
  await page.waitForFunction((name) => /# $/m.test(window.__berthTerminals?.get(name)?.() ?? ''), container, { timeout: 15_000 });
}

const blocks = Number(process.env.BENCH_RENDER_BLOCKS ?? 160);
const extraArgs = (process.env.BENCH_CHROMIUM_ARGS ?? '').split(' ').filter(Boolean);
const container = `berth-e2e-tp-prof-${process.pid}`;
execFileSync('docker', ['run', '-d', '--name', container, '--label', 'berth.test-fixture=true', 'berth-fixture/busybox:latest', 'sh', '-c', 'while true; do sleep 1; done']);
const profDir = mkdtempSync(join(tmpdir(), 'berth-prof-'));
const server = await startWebServer([`--cpu-prof`, `--cpu-prof-dir=${profDir}`]);
const args = extraArgs.length > 0 ? [...chromiumArgs.filter((a) => a !== '--disable-gpu' || !extraArgs.includes('--enable-gpu')), ...extraArgs.filter((a) => a !== '--enable-gpu')] : chromiumArgs;
const browser = await chromium.launch({ executablePath: chromiumPath, args });
const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
const trace = process.env.BENCH_PROFILE === 'trace';
try {
  const page = await context.newPage();
  await openShellInPage(page, server.url, container);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  const nonce = randomBytes(4).toString('hex');
  await page.keyboard.type(`clear; dd if=/dev/zero bs=65536 count=${blocks} 2>/dev/null | tr '\\0' y; echo; echo DONE-"${nonce}"`);
  const done = page.waitForFunction(
    ([name, marker]) => new RegExp(`^${marker}$`, 'm').test(window.__berthTerminals?.get(name!)?.() ?? ''),
    [container, `DONE-${nonce}`] as const,
    { polling: 'raf', timeout: 300_000 },
  );
  if (trace) await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'blink', 'cc', 'gpu', 'viz', 'toplevel'] });
  else await cdp.send('Profiler.start');
  const cpu = cpuSnapshot();
  const t0 = performance.now();
  await page.keyboard.press('Enter');
  await done;
  const ms = performance.now() - t0;
  const used = cpuSince(cpu);
  const profile = trace ? undefined : ((await cdp.send('Profiler.stop')) as { profile: CpuProfile }).profile;
  const traceEvents = trace ? (JSON.parse((await browser.stopTracing()).toString()) as { traceEvents: TraceEvent[] }).traceEvents : undefined;
  console.log(`\n## ${((blocks * 65536) / 1e6).toFixed(1)} MB into Berth in Chromium (${args.join(' ')}): ${ms.toFixed(0)} ms, ${((blocks * 65536) / 1e6 / (ms / 1000)).toFixed(2)} MB/s`);
  console.log(`\n### CPU seconds per process during the run (wall ${(ms / 1000).toFixed(2)} s, 2 cores = ${((2 * ms) / 1000).toFixed(2)} s available)`);
  for (const u of used.slice(0, 12)) console.log(`${u.seconds.toFixed(2).padStart(7)} s  ${u.group}`);
  if (profile) printSelfTimes('Page main thread (CDP Profiler)', profile, 25);
  if (profile && process.env.BENCH_PROFILE_OUT) writeFileSync(process.env.BENCH_PROFILE_OUT, JSON.stringify(profile));
  if (traceEvents) printThreadSelfTimes(traceEvents, ms);
} finally {
  await context.close();
  await browser.close();
  await server.stop();
  execFileSync('docker', ['rm', '-f', container]);
}
const serverProfile = readdirSync(profDir).find((f) => f.endsWith('.cpuprofile'));
if (serverProfile) printSelfTimes('Web server (node --cpu-prof, whole life incl. start-up)', JSON.parse(readFileSync(join(profDir, serverProfile), 'utf8')) as CpuProfile, 20);
rmSync(profDir, { recursive: true, force: true });
