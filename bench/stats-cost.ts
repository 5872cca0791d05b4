// The engine's CPU while Berth's containers table shows the stats of 50 running containers,
// against `docker stats` streaming the same 50, in the same run (issue 12 item 4; goal: at most
// 1.2x). The engine is dockerd, containerd and the containerd-shims of the 50 (each answers its
// container's stats); the containers themselves only sleep. Rounds alternate docker stats, Berth
// and an idle spell (other users of the engine add to every phase alike); medians are printed.
// Knobs: BENCH_STATS_CONTAINERS (50), BENCH_STATS_SECONDS (8 a phase), BENCH_STATS_ROUNDS (6).
// Run alone: `node --import tsx bench/stats-cost.ts` (after `npm run build`).
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { median } from './bench-kit.js';
import { chromiumArgs, chromiumPath, sleep, startWebServer } from './berth-page.js';
import { CdpPage } from './cdp-page.js';
import { cpuSnapshot } from './process-cpu.js';

const run = promisify(execFile);
const image = 'berth-fixture/busybox:latest';
const count = Number(process.env.BENCH_STATS_CONTAINERS ?? 50);
const seconds = Number(process.env.BENCH_STATS_SECONDS ?? 8);
const rounds = Number(process.env.BENCH_STATS_ROUNDS ?? 6);
/** After switching what streams, let the engine streams open and settle before measuring. */
const settleMs = 3000;
/** The containers table's row height (containers-table.tsx), to make the window tall enough for every row. */
const rowHeight = 52;
/** /proc reports CPU time in clock ticks of 1/100 s. */
const ticksPerSecond = 100;

/**
 * Stops a `docker stats` streaming in the background: the CLI ignores SIGTERM (it went on
 * streaming into the next phases), so it gets the Ctrl-C a user would press, then SIGKILL.
 */
async function stopCli(cli: ChildProcess | undefined): Promise<void> {
  if (!cli || cli.exitCode !== null || cli.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => cli.once('exit', () => resolve()));
  cli.kill('SIGINT');
  await Promise.race([exited, sleep(3000)]);
  if (cli.exitCode === null && cli.signalCode === null) {
    cli.kill('SIGKILL');
    await exited;
  }
}

/** The engine's processes that serve these stats: dockerd, containerd, and the shims of our containers (found by their `-id`). */
function enginePids(containerIds: ReadonlySet<string>): { daemons: string[]; shims: string[] } {
  const daemons: string[] = [];
  const shims: string[] = [];
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const comm = readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
      if (comm === 'dockerd' || comm === 'containerd') daemons.push(pid);
      else if (comm.startsWith('containerd-shim')) {
        const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
        const id = args[args.indexOf('-id') + 1];
        if (id && containerIds.has(id)) shims.push(pid);
      }
    } catch {
      // The process ended meanwhile.
    }
  }
  return { daemons, shims };
}

interface PhaseCpu {
  /** dockerd and containerd, in cores (1.0 = one core busy); machine-wide, so other users of the engine add to it. */
  daemons: number;
  /** The shims of our containers: only these stats reach them. */
  shims: number;
  /** Berth's web server. */
  berth: number;
}

/** CPU the engine's processes and Berth's server used over `ms`, in cores. */
async function measure(ms: number, pids: { daemons: string[]; shims: string[]; berth: string[] }): Promise<PhaseCpu> {
  const before = cpuSnapshot();
  const t0 = performance.now();
  await sleep(ms);
  const after = cpuSnapshot();
  const elapsed = (performance.now() - t0) / 1000;
  const used = (list: readonly string[]): number =>
    list.reduce((sum, pid) => sum + ((after.get(pid) ?? 0) - (before.get(pid) ?? 0)), 0) / ticksPerSecond / elapsed;
  return { daemons: used(pids.daemons), shims: used(pids.shims), berth: used(pids.berth) };
}

async function inBatches<T>(items: readonly T[], size: number, work: (item: T) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(work));
}

/** Shows only the rows whose name contains `text` (the view's filter box). */
async function filterTo(page: CdpPage, text: string): Promise<void> {
  await page.evaluate(`document.querySelector('input[aria-label="Filter containers"]').focus()`);
  await page.press('a', { ctrl: true });
  await page.insertText(text);
}

const percent = (cores: number): string => `${(cores * 100).toFixed(1)} %`;

type Phase = 'idle' | 'docker' | 'berth';

export async function benchStatsCost(): Promise<void> {
  const prefix = `berth-bench-stats-${process.pid}-`;
  const names = Array.from({ length: count }, (_, i) => `${prefix}${String(i).padStart(2, '0')}`);
  const results: Record<Phase, PhaseCpu[]> = { idle: [], docker: [], berth: [] };
  let server: Awaited<ReturnType<typeof startWebServer>> | undefined;
  let page: CdpPage | undefined;
  let cli: ChildProcess | undefined;
  try {
    const ids = new Set<string>();
    await inBatches(names, 8, async (name) => {
      const { stdout } = await run('docker', ['run', '-d', '--name', name, '--label', 'berth.test-fixture=true', image, 'sleep', '3600']);
      ids.add(stdout.trim());
    });
    server = await startWebServer();
    page = await CdpPage.launch(chromiumPath, chromiumArgs, server.url, { width: 1600, height: rowHeight * count + 800 });
    await page.waitFor(`document.querySelector('input[aria-label="Filter containers"]')`, 30_000);
    const pids = { ...enginePids(ids), berth: [String(server.pid)] };
    if (pids.shims.length !== count) console.log(`(found the shims of ${pids.shims.length} of the ${count} containers)`);

    /** Puts the engine in one phase's state: nothing streams, `docker stats` streams the 50, or Berth's table shows them. */
    const enter = async (phase: Phase): Promise<void> => {
      if (phase === 'berth') {
        await filterTo(page!, prefix);
        await page!.waitFor(`window.__berthContainerStats?.withStats().length === ${count}`, 60_000);
        const watching = await page!.evaluate<number>(`window.__berthContainerStats.watching().length`);
        if (watching !== count) throw new Error(`Berth follows ${watching} containers, not ${count}: is the window tall enough?`);
      } else {
        await filterTo(page!, 'berth-bench-stats-shows-no-row');
        await page!.waitFor(`(window.__berthContainerStats?.watching().length ?? 0) === 0`);
      }
      // stderr ignored: on a busy engine the CLI prints "timeout waiting for stats" for slow samples.
      if (phase === 'docker') cli = spawn('docker', ['stats', ...names], { stdio: 'ignore' });
    };
    const leave = async (): Promise<void> => {
      await stopCli(cli);
      cli = undefined;
    };

    const order: Phase[] = ['idle', 'docker', 'berth'];
    for (let round = 0; round < rounds; round++) {
      // Each round starts with another phase, so a phase is not always measured right after the same one.
      for (let k = 0; k < order.length; k++) {
        const phase = order[(round + k) % order.length]!;
        await enter(phase);
        await sleep(settleMs);
        results[phase].push(await measure(seconds * 1000, pids));
        await leave();
      }
    }

    const engine = (c: PhaseCpu): number => c.daemons + c.shims;
    const med = (phase: Phase, pick: (c: PhaseCpu) => number): number => median(results[phase].map(pick));
    const [idle, docker, berth] = (['idle', 'docker', 'berth'] as const).map((p) => med(p, engine)) as [number, number, number];
    console.log(
      `\n## Engine CPU for ${count} containers' live stats (${rounds} rounds of ${seconds} s a phase; medians; 100 % = one core)`,
    );
    console.log('engine = dockerd + containerd (machine-wide: other users of the engine add to every phase) + the shims of the 50');
    console.log(`idle (nothing streams)                  engine ${percent(idle)}  (shims ${percent(med('idle', (c) => c.shims))})`);
    console.log(
      `baseline  docker stats (${count}, streaming)  engine ${percent(docker)}  (shims ${percent(med('docker', (c) => c.shims))})`,
    );
    console.log(
      `candidate Berth's table (${count} on screen)  engine ${percent(berth)}  (shims ${percent(med('berth', (c) => c.shims))})  ratio ${(berth / docker).toFixed(3)} (Berth/docker stats; goal <= 1.2)`,
    );
    // Docker stats and Berth measured next to each other in one round see about the same load from other users.
    const paired = median(results.berth.map((b, i) => engine(b) / engine(results.docker[i]!)));
    console.log(`median of each round's Berth/docker stats: ${paired.toFixed(3)}`);
    if (docker > idle) {
      console.log(
        `above idle: Berth ${percent(berth - idle)} / docker stats ${percent(docker - idle)} = ${((berth - idle) / (docker - idle)).toFixed(3)}`,
      );
    }
    console.log(
      `Berth's web server meanwhile: ${percent(med('berth', (c) => c.berth))} (idle phase ${percent(med('idle', (c) => c.berth))})`,
    );
    for (const phase of ['idle', 'docker', 'berth'] as const)
      console.log(`  rounds, ${phase}: ${results[phase].map((c) => percent(engine(c))).join(', ')}`);
  } finally {
    await stopCli(cli);
    await page?.close();
    await server?.stop();
    await inBatches(names, 25, (name) => run('docker', ['rm', '-f', name]).catch(() => undefined));
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchStatsCost();
