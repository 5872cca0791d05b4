import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Duplex } from 'node:stream';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { EngineConnection } from '../electron/services/engine-connection.js';
import { median, percentile } from './bench-kit.js';

/** Chromium as the e2e suite runs it: Debian's, no GPU, a fresh profile. */
const chromiumPath = process.env.BERTH_CHROMIUM ?? '/usr/bin/chromium';
const chromiumArgs = ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

interface WebServer {
  url: string;
  stop(): Promise<void>;
}

/** Starts the built web server (`npm run build` first) on a free port; resolves with the link it prints. */
export async function startWebServer(): Promise<WebServer> {
  const token = randomBytes(16).toString('hex');
  const child: ChildProcess = spawn(process.execPath, ['dist/electron/web.cjs', '--port', '0', '--token', token], { stdio: ['ignore', 'pipe', 'pipe'] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`The web server did not start:\n${out}`)), 20_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /Berth is running at (\S+)/.exec(out);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('exit', (code) => reject(new Error(`The web server exited (${code}):\n${out}`)));
  });
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.on('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

async function openShellInPage(page: Page, url: string, container: string): Promise<void> {
  await page.goto(url);
  await page.getByLabel('Filter containers').fill(container);
  await page.getByRole('row', { name: container, exact: true }).getByRole('button', { name: 'Open shell', exact: true }).click();
  await page.getByRole('region', { name: `Terminal ${container}`, exact: true }).click();
  await page.waitForFunction((name) => /# $/m.test(window.__berthTerminals?.get(name)?.() ?? ''), container, { timeout: 15_000 });
}

/** (b) MB/s from Enter to the marker line appearing in xterm's buffer (checked every frame). */
async function renderedThroughput(page: Page, container: string, blocks: number): Promise<number> {
  const nonce = randomBytes(4).toString('hex');
  // The marker is quoted in the command, so only the output line reads DONE-<nonce> on its own.
  await page.keyboard.type(`clear; dd if=/dev/zero bs=65536 count=${blocks} 2>/dev/null | tr '\\0' y; echo; echo DONE-"${nonce}"`);
  const done = page.waitForFunction(
    ([name, marker]) => new RegExp(`^${marker}$`, 'm').test(window.__berthTerminals?.get(name!)?.() ?? ''),
    [container, `DONE-${nonce}`] as const,
    { polling: 'raf', timeout: 300_000 },
  );
  const t0 = performance.now();
  await page.keyboard.press('Enter');
  await done;
  const ms = performance.now() - t0;
  return (blocks * 65536) / 1e6 / (ms / 1000);
}

/** (a′) Raw TTY exec of the same generator, read by a plain consumer (no Berth), for the ratio. */
async function rawThroughput(connection: EngineConnection, container: string, blocks: number): Promise<number> {
  const exec = await connection.docker.getContainer(container).exec({
    Cmd: ['sh', '-c', `dd if=/dev/zero bs=65536 count=${blocks} 2>/dev/null | tr '\\0' y`],
    AttachStdout: true,
    AttachStderr: true,
    Tty: true,
  });
  const stream = (await exec.start({ hijack: true, stdin: false, Tty: true })) as Duplex;
  let received = 0;
  const t0 = performance.now();
  await new Promise<void>((resolve) => {
    stream.on('data', (c: Buffer) => (received += c.byteLength));
    stream.on('end', resolve);
    stream.on('close', resolve);
  });
  return received / 1e6 / ((performance.now() - t0) / 1000);
}

/** Raw keystroke echo: one char into a TTY exec's shell, time to its echo; `n` times. */
async function rawEcho(connection: EngineConnection, container: string, n: number): Promise<number[]> {
  const exec = await connection.docker.getContainer(container).exec({ Cmd: ['sh'], AttachStdin: true, AttachStdout: true, AttachStderr: true, Tty: true });
  const stream = (await exec.start({ hijack: true, stdin: true, Tty: true })) as Duplex;
  let waiting: (() => void) | undefined;
  stream.on('data', (c: Buffer) => {
    if (waiting && c.includes(0x71)) {
      const w = waiting;
      waiting = undefined;
      w();
    }
  });
  await new Promise((r) => setTimeout(r, 500));
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    if (i > 0 && i % 40 === 0) {
      stream.write('\x15'); // Ctrl-U: keep the line short
      await new Promise((r) => setTimeout(r, 50));
    }
    const echoed = new Promise<void>((resolve) => (waiting = resolve));
    const t0 = performance.now();
    stream.write('q');
    await echoed;
    samples.push(performance.now() - t0);
  }
  stream.write('\x15exit\r');
  stream.destroy();
  return samples;
}

declare global {
  interface Window {
    __benchEcho?: Promise<number>;
  }
}

/** In-page script: from the next keydown, time until the last visible line holds `want` q's. */
function armEcho(container: string, want: number): string {
  return `window.__benchEcho = new Promise((resolve) => {
    let t0 = 0;
    // Timer polling (about every 1-4 ms): a tighter loop (MessageChannel, postTask) starves the socket and xterm's parser.
    const later = (fn) => setTimeout(fn, 0);
    function check() {
      const text = window.__berthTerminals?.get(${JSON.stringify(container)})?.() ?? '';
      const last = text.split('\\n').pop() ?? '';
      if (last.split('q').length - 1 >= ${want}) resolve(performance.now() - t0);
      else if (performance.now() - t0 > 5000) resolve(-1);
      else later(check);
    }
    function onDown() {
      document.removeEventListener('keydown', onDown, true);
      t0 = performance.now();
    }
    // Poll only once the key's events are all delivered: polling during them delays the key itself.
    function onUp() {
      document.removeEventListener('keyup', onUp, true);
      check();
    }
    document.addEventListener('keydown', onDown, true);
    document.addEventListener('keyup', onUp, true);
  }); undefined`;
}

/**
 * Keystroke echo in Berth: from the keydown event in the page to the char appearing in xterm's
 * buffer (polled with timers, so it is not tied to animation frames; resolution about 1-4 ms).
 */
async function berthEcho(page: Page, container: string, n: number): Promise<number[]> {
  await page.keyboard.type('clear\n');
  // Only the fresh prompt on screen: a key typed before `clear` has run would be wiped with the screen.
  await page.waitForFunction((name) => /^\/ # ?$/.test(window.__berthTerminals?.get(name)?.() ?? ''), container);
  // BusyBox's line editor asks the terminal for the cursor position after each prompt; a key typed
  // before xterm's answer is read would be swallowed with it.
  await page.waitForTimeout(300);
  const samples: number[] = [];
  let onLine = 0;
  for (let i = 0; i < n; i++) {
    if (onLine === 40) {
      await page.keyboard.press('Control+U');
      await page.waitForFunction((name) => /^\/ # $/m.test((window.__berthTerminals?.get(name)?.() ?? '').split('\n').pop() ?? ''), container);
      onLine = 0;
    }
    onLine += 1;
    // A string, not a function: tsx would wrap named functions in a helper the page lacks.
    await page.evaluate(armEcho(container, onLine));
    await page.keyboard.press('q');
    const ms = await page.evaluate(() => window.__benchEcho!);
    if (ms < 0) {
      const focus = await page.evaluate(() => `${document.activeElement?.tagName}.${document.activeElement?.className}`);
      throw new Error(`No echo seen within 5 s (focus ${focus}); the terminal shows:\n${await page.evaluate((name) => window.__berthTerminals?.get(name)?.() ?? '', container)}`);
    }
    samples.push(ms);
  }
  await page.keyboard.press('Control+U');
  return samples;
}

export interface BrowserBenchFigures {
  rawMBps: number;
  renderedMBps: number;
  rawEchoMs: number[];
  berthEchoMs: number[];
}

/** (b) throughput into a rendered xterm in Chromium, and keystroke echo latency, against raw exec. */
export async function benchBrowserTerminal(container: string, rounds = 3): Promise<BrowserBenchFigures> {
  const blocks = Number(process.env.BENCH_RENDER_BLOCKS ?? 160);
  const keys = Number(process.env.BENCH_ECHO_KEYS ?? 100);
  const connection = new EngineConnection({ id: 'bench-browser' });
  await connection.connect();
  const server = await startWebServer();
  const profile = mkdtempSync(join(tmpdir(), 'berth-bench-chromium-'));
  let context: BrowserContext | undefined;
  try {
    context = await chromium.launchPersistentContext(profile, { executablePath: chromiumPath, args: chromiumArgs, viewport: { width: 1400, height: 900 } });
    const page = context.pages()[0] ?? (await context.newPage());
    await openShellInPage(page, server.url, container);
    const raw: number[] = [];
    const rendered: number[] = [];
    for (let i = 0; i < rounds; i++) {
      raw.push(await rawThroughput(connection, container, blocks));
      rendered.push(await renderedThroughput(page, container, blocks));
    }
    const rawEchoMs = await rawEcho(connection, container, keys);
    const berthEchoMs = await berthEcho(page, container, keys);
    const figures = { rawMBps: median(raw), renderedMBps: median(rendered), rawEchoMs, berthEchoMs };
    printFigures(figures, blocks, rounds);
    return figures;
  } finally {
    await context?.close();
    await server.stop();
    rmSync(profile, { recursive: true, force: true });
    connection.close();
  }
}

function printFigures(f: BrowserBenchFigures, blocks: number, rounds: number): void {
  const mb = ((blocks * 65536) / 1e6).toFixed(1);
  console.log(`\n## Terminal throughput into a rendered xterm in Chromium, ${mb} MB (median of ${rounds})`);
  console.log(`baseline  (a) engine TTY exec, plain reader: ${f.rawMBps.toFixed(2)} MB/s`);
  console.log(`candidate (b) Berth in Chromium, until the marker is in xterm's buffer: ${f.renderedMBps.toFixed(2)} MB/s  ratio b/a ${(f.renderedMBps / f.rawMBps).toFixed(3)} (target >= 0.9)`);
  const raw = { median: median(f.rawEchoMs), p95: percentile(f.rawEchoMs, 95) };
  const berth = { median: median(f.berthEchoMs), p95: percentile(f.berthEchoMs, 95) };
  console.log(`\n## Keystroke echo latency (${f.rawEchoMs.length} keys)`);
  console.log(`baseline  raw TTY exec (write a char, read its echo): median ${raw.median.toFixed(2)} ms, p95 ${raw.p95.toFixed(2)} ms`);
  console.log(`candidate Berth in Chromium (keydown to char in xterm's buffer): median ${berth.median.toFixed(2)} ms, p95 ${berth.p95.toFixed(2)} ms`);
  console.log(`difference: median +${(berth.median - raw.median).toFixed(2)} ms, p95 +${(berth.p95 - raw.p95).toFixed(2)} ms (target: within 5 ms)`);
}
