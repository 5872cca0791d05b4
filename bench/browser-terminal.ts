import { randomBytes } from 'node:crypto';
import { availableParallelism } from 'node:os';
import type { Duplex } from 'node:stream';
import { disabledChromiumFeatures } from '../electron/desktop/main/chromium-switches.js';
import { EngineConnection } from '../electron/engine/engine-connection.js';
import { median, percentile, type RenderedRun } from './bench-kit.js';
import { chromiumArgs, chromiumPath, openShellInPage, q, sleep, startWebServer } from './berth-page.js';
import { CdpPage } from './cdp-page.js';
import { costRatio, measureMainThread, pageCost } from './page-cpu.js';
import { openPeerTerminal, type PeerTerminal } from './peer-terminal.js';
import { addInto, benchCpuSnapshot, cpuDelta } from './process-cpu.js';
import { berthEcho, echoWithDesktopSwitches, rawEcho, type EchoSamples } from './terminal-echo.js';
import { printWsEcho, wsEcho } from './ws-echo.js';
import { openXtermPage, xtermAlone, xtermAloneSwiftShader, type XtermAloneRun } from './xterm-alone.js';

/** In-page script: from the Enter keydown, times until the marker line is parsed into xterm's buffer and rendered. */
function armThroughput(container: string, marker: string): string {
  return `window.__benchRun = new Promise((resolve) => {
    const probe = window.__berthTerminalProbes.get(${JSON.stringify(container)});
    let t0 = 0, parsed = 0, frames = 0;
    const stops = [];
    const finish = (result) => { for (const stop of stops) stop(); resolve(result); };
    const onDown = (e) => { if (e.key === 'Enter') { document.removeEventListener('keydown', onDown, true); t0 = performance.now(); } };
    document.addEventListener('keydown', onDown, true);
    // Only the cursor's row and the two above it: the marker line, then the prompt.
    stops.push(probe.onParsed(() => {
      if (parsed || !t0) return;
      if (/^${marker}$/m.test(probe.linesAtCursor(2))) parsed = performance.now() - t0;
    }));
    stops.push(probe.onRendered(() => {
      if (t0) frames++;
      if (parsed) finish({ parsedMs: parsed, renderedMs: performance.now() - t0, frames });
    }));
    setTimeout(() => finish({ parsedMs: -1, renderedMs: -1, frames }), 300000);
  }); undefined`;
}

declare global {
  interface Window {
    __benchRun?: Promise<{ parsedMs: number; renderedMs: number; frames: number }>;
    __benchEcho?: Promise<{ bufferMs: number; renderedMs: number; paintedMs: number }>;
  }
}

/** (b) One flood through Berth into xterm: Enter keydown to the marker after it parsed, and rendered. */
export async function renderedThroughput(page: CdpPage, container: string, blocks: number): Promise<RenderedRun> {
  const nonce = randomBytes(4).toString('hex');
  // The marker is quoted in the command, so only the output line reads DONE-<nonce> on its own.
  await page.type(`clear; dd if=/dev/zero bs=65536 count=${blocks} 2>/dev/null | tr '\\0' y; echo; echo DONE-"${nonce}"`);
  await page.evaluate(armThroughput(container, `DONE-${nonce}`));
  await page.press('Enter');
  const { parsedMs, renderedMs, frames } = await page.evaluate<{ parsedMs: number; renderedMs: number; frames: number }>(
    'window.__benchRun',
  );
  if (parsedMs < 0) throw new Error('The marker never appeared in the terminal');
  const mb = (blocks * 65536) / 1e6;
  return { parsedMBps: mb / (parsedMs / 1000), renderedMBps: mb / (renderedMs / 1000), frames };
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

async function terminalGeometry(
  page: CdpPage,
  container: string,
): Promise<{ box: { width: number; height: number }; size: { cols: number; rows: number } }> {
  const found = await page.evaluate<{ box: { width: number; height: number }; size: { cols: number; rows: number } } | null>(`(() => {
    const host = document.querySelector('[role="region"][aria-label=${q(`Terminal ${container}`)}] .xterm-host');
    const size = window.__berthTerminalProbes?.get(${q(container)})?.size();
    if (!host || !size) return null;
    const r = host.getBoundingClientRect();
    return { box: { width: Math.round(r.width), height: Math.round(r.height) }, size };
  })()`);
  if (!found) throw new Error("Could not read the terminal's size");
  return found;
}

/**
 * In-page script: during a flood, from the Ctrl-C keydown until the shell's prompt is the cursor's
 * row in xterm's buffer and then rendered; also how late the keydown itself was handled
 * (`performance.now()` at the handler minus the event's own timestamp: the page's input delay).
 */
function armCtrlC(container: string): string {
  return `window.__benchCtrlC = new Promise((resolve) => {
    const probe = window.__berthTerminalProbes.get(${JSON.stringify(container)});
    let t0 = 0, inputDelay = 0, parsed = 0;
    const stops = [];
    const finish = (result) => { for (const stop of stops) stop(); resolve(result); };
    const onDown = (e) => {
      if (e.key.toLowerCase() !== 'c' || !e.ctrlKey) return;
      document.removeEventListener('keydown', onDown, true);
      t0 = performance.now();
      inputDelay = t0 - e.timeStamp;
    };
    document.addEventListener('keydown', onDown, true);
    stops.push(probe.onParsed(() => {
      if (parsed || !t0) return;
      if (/^\\/ # $/.test(probe.linesAtCursor(0))) parsed = performance.now() - t0;
    }));
    stops.push(probe.onRendered(() => { if (parsed) finish({ inputDelayMs: inputDelay, promptMs: parsed, renderedMs: performance.now() - t0 }); }));
    setTimeout(() => finish({ inputDelayMs: inputDelay, promptMs: -1, renderedMs: -1 }), 30000);
  }); undefined`;
}

export interface CtrlCRun {
  inputDelayMs: number;
  promptMs: number;
  renderedMs: number;
}

declare global {
  interface Window {
    __benchCtrlC?: Promise<CtrlCRun>;
  }
}

/** Ctrl-C while output floods: the UI must take the key at once and the flood must stop at once. */
export async function ctrlCDuringFlood(page: CdpPage, container: string): Promise<CtrlCRun> {
  await page.type(`clear; dd if=/dev/zero bs=65536 count=1000000 2>/dev/null | tr '\\0' y\n`);
  await sleep(1000);
  await page.evaluate(armCtrlC(container));
  await page.press('c', { ctrl: true });
  const run = await page.evaluate<CtrlCRun>('window.__benchCtrlC');
  if (run.promptMs < 0) throw new Error('No prompt within 30 s of Ctrl-C');
  return run;
}

/** The throughput rounds: raw exec, Berth, the peer and xterm.js alone, interleaved, with their CPU. */
export interface ThroughputFigures {
  blocks: number;
  rounds: number;
  size: { cols: number; rows: number };
  rawMBps: number[];
  berth: RenderedRun[];
  /** The ttyd/wetty-style peer (peer-terminal.ts), same bytes, same page setup. */
  peer: RenderedRun[];
  alone: XtermAloneRun[];
  /** CPU seconds per process group over all rounds of (a), (b), (p) and (c). */
  rawCpu: Map<string, number>;
  berthCpu: Map<string, number>;
  peerCpu: Map<string, number>;
  aloneCpu: Map<string, number>;
  /** Main-thread task seconds of each page over all its rounds (CDP Performance metrics). */
  mainThread: { berth: { seconds: number }; peer: { seconds: number }; alone: { seconds: number } };
  /** Other builds of Berth (terminal-vs-peer.ts, BENCH_DIST_OTHER) in the same rounds, for a before/after under the same load. */
  others: { dist: string; runs: RenderedRun[]; cpu: Map<string, number>; mainThread: { seconds: number } }[];
}

export interface BrowserBenchFigures extends ThroughputFigures {
  swiftShader: { webgl: XtermAloneRun[]; dom: XtermAloneRun[] } | undefined;
  rawEchoMs: number[];
  /** Through Berth's web server from a Node WebSocket client (no browser). */
  wsEchoMs: number[];
  berthEcho: EchoSamples;
  /** The same while something on the page animates: as a browser runs it, and with the desktop app's switches (electron/desktop/main/chromium-switches.ts). */
  animatingEcho: EchoSamples;
  desktopAnimatingEcho: EchoSamples;
  ctrlC: CtrlCRun[];
  /** A terminal on screen with nothing happening, 2 s after the last key: CPU share per process group, and running animations. */
  idle: { cpuShare: Map<string, number>; animations: string[] };
}

/** What an open terminal costs while nothing happens: 4 s of CPU, from 2 s after the last key. */
async function idleCost(page: CdpPage): Promise<{ cpuShare: Map<string, number>; animations: string[] }> {
  await sleep(2_000);
  const before = benchCpuSnapshot();
  const seconds = 4;
  await sleep(seconds * 1000);
  const used = cpuDelta(before, benchCpuSnapshot());
  const animations = await page.evaluate<string[]>(`document.getAnimations().map((a) => a.animationName ?? String(a.id))`);
  return { cpuShare: new Map([...used].map(([group, s]) => [group, s / seconds])), animations };
}

/**
 * (a), (b), (p) and (c) in interleaved rounds, with Berth's page already at a prompt in `container`:
 * opens the peer's and xterm.js alone's pages beside it (same box and size) and closes them after.
 * `others`: pages of other Berth builds, also at a prompt in `container`, measured in the same rounds.
 */
export async function throughputRounds(
  connection: EngineConnection,
  page: CdpPage,
  container: string,
  blocks: number,
  rounds: number,
  others: readonly { dist: string; page: CdpPage }[] = [],
): Promise<ThroughputFigures> {
  const { box, size } = await terminalGeometry(page, container);
  let alonePage: CdpPage | undefined;
  let peer: PeerTerminal | undefined;
  try {
    alonePage = await openXtermPage(chromiumArgs, box, false);
    peer = await openPeerTerminal(connection.docker, container, { path: chromiumPath, args: chromiumArgs }, box, size);
    // One short unmeasured flood per page first, so no page's first round pays for compiling its code.
    await renderedThroughput(page, container, 40);
    await renderedThroughput(peer.page, container, 40);
    for (const other of others) await renderedThroughput(other.page, container, 40);
    await xtermAlone(alonePage, size, 40, false);
    const figures: ThroughputFigures = {
      blocks,
      rounds,
      size,
      rawMBps: [],
      berth: [],
      peer: [],
      alone: [],
      rawCpu: new Map(),
      berthCpu: new Map(),
      peerCpu: new Map(),
      aloneCpu: new Map(),
      mainThread: { berth: { seconds: 0 }, peer: { seconds: 0 }, alone: { seconds: 0 } },
      others: others.map(({ dist }) => ({ dist, runs: [], cpu: new Map(), mainThread: { seconds: 0 } })),
    };
    const { mainThread } = figures;
    const measureCpu = async <T>(into: Map<string, number>, work: () => Promise<T>): Promise<T> => {
      const before = benchCpuSnapshot();
      const value = await work();
      addInto(into, cpuDelta(before, benchCpuSnapshot()));
      return value;
    };
    const [peerPage, xtermPage] = [peer.page, alonePage];
    const steps: (() => Promise<void>)[] = [
      async () => void figures.rawMBps.push(await measureCpu(figures.rawCpu, () => rawThroughput(connection, container, blocks))),
      async () =>
        void figures.berth.push(
          await measureCpu(figures.berthCpu, () =>
            measureMainThread(page, mainThread.berth, () => renderedThroughput(page, container, blocks)),
          ),
        ),
      async () =>
        void figures.peer.push(
          await measureCpu(figures.peerCpu, () =>
            measureMainThread(peerPage, mainThread.peer, () => renderedThroughput(peerPage, container, blocks)),
          ),
        ),
      ...others.map((other, k) => async () => {
        const measured = figures.others[k]!;
        measured.runs.push(
          await measureCpu(measured.cpu, () =>
            measureMainThread(other.page, measured.mainThread, () => renderedThroughput(other.page, container, blocks)),
          ),
        );
      }),
      async () =>
        void figures.alone.push(
          await measureCpu(figures.aloneCpu, () =>
            measureMainThread(xtermPage, mainThread.alone, () => xtermAlone(xtermPage, size, blocks, false)),
          ),
        ),
    ];
    // Interleaved, so a burst of load from elsewhere on the machine hits all of them alike; each
    // round starts one step later, so no page always runs right after the raw exec (whose exec the
    // engine is still tidying up: the next page's engine CPU per MB was twice the others').
    for (let i = 0; i < rounds; i++) {
      for (let j = 0; j < steps.length; j++) await steps[(i + j) % steps.length]!();
    }
    return figures;
  } finally {
    await alonePage?.close();
    await peer?.close();
  }
}

/** (b) throughput into a rendered xterm in Chromium, and keystroke echo latency, against raw exec. */
export async function benchBrowserTerminal(
  container: string,
  rounds = Number(process.env.BENCH_ROUNDS ?? 5),
): Promise<BrowserBenchFigures> {
  const blocks = Number(process.env.BENCH_RENDER_BLOCKS ?? 320);
  const keys = Number(process.env.BENCH_ECHO_KEYS ?? 100);
  const connection = new EngineConnection({ id: 'bench-browser' });
  await connection.connect();
  const server = await startWebServer();
  let page: CdpPage | undefined;
  try {
    page = await CdpPage.launch(chromiumPath, chromiumArgs, server.url, { width: 1400, height: 900 });
    await openShellInPage(page, container);
    const throughput = await throughputRounds(connection, page, container, blocks, rounds);
    const rawEchoMs = await rawEcho(connection, container, keys);
    const wsEchoMs = await wsEcho(server.url, container, keys);
    const berthEchoSamples = await berthEcho(page, container, keys);
    const animatingEcho = await berthEcho(page, container, keys, true);
    const desktopAnimatingEcho = await echoWithDesktopSwitches(server.url, container, keys);
    const ctrlC: CtrlCRun[] = [];
    for (let i = 0; i < 3; i++) ctrlC.push(await ctrlCDuringFlood(page, container));
    const idle = await idleCost(page);
    const swiftShader =
      process.env.BENCH_WEBGL === '1'
        ? await xtermAloneSwiftShader(await terminalGeometry(page, container).then((g) => g.box), throughput.size, blocks, rounds)
        : undefined;
    const figures: BrowserBenchFigures = {
      ...throughput,
      swiftShader,
      rawEchoMs,
      wsEchoMs,
      berthEcho: berthEchoSamples,
      animatingEcho,
      desktopAnimatingEcho,
      ctrlC,
      idle,
    };
    printThroughput(figures, swiftShader);
    printLatency(figures);
    return figures;
  } finally {
    await page?.close();
    await server.stop();
    connection.close();
  }
}

/**
 * The most any terminal in a browser could reach here: the CPU the engine side needs per MB (the
 * raw run's engine processes and reader) plus what xterm.js alone needs (the ceiling run), spread
 * perfectly over every core. b cannot beat it, whatever Berth does.
 */
function throughputBound(
  f: ThroughputFigures,
  totalMB: number,
): { cores: number; engineMsPerMB: number; pageMsPerMB: number; MBps: number } {
  const engineSeconds = [...f.rawCpu]
    .filter(([group]) => group.startsWith('engine:') || group.startsWith('bench process'))
    .reduce((sum, [, s]) => sum + s, 0);
  const pageSeconds = [...f.aloneCpu.values()].reduce((sum, s) => sum + s, 0);
  const engineMsPerMB = (engineSeconds / totalMB) * 1000;
  const pageMsPerMB = (pageSeconds / totalMB) * 1000;
  const cores = availableParallelism();
  return { cores, engineMsPerMB, pageMsPerMB, MBps: (cores * 1000) / (engineMsPerMB + pageMsPerMB) };
}

const mbps = (v: number): string => `${v.toFixed(2)} MB/s`;
const ms = (values: number[]): string => `median ${median(values).toFixed(2)} ms, p95 ${percentile(values, 95).toFixed(2)} ms`;

/** The throughput and page-CPU figures of the rounds, as ratios to the baselines of the same rounds. */
export function printThroughput(f: ThroughputFigures, swiftShader?: BrowserBenchFigures['swiftShader']): void {
  const mb = ((f.blocks * 65536) / 1e6).toFixed(1);
  const raw = median(f.rawMBps);
  const parsed = median(f.berth.map((r) => r.parsedMBps));
  const rendered = median(f.berth.map((r) => r.renderedMBps));
  const ratio = (v: number): string => `b/a ${(v / raw).toFixed(3)}`;
  console.log(
    `\n## Terminal throughput into a rendered xterm in Chromium: ${mb} MB of 'y' (no newlines), median of ${f.rounds} interleaved rounds`,
  );
  console.log(
    `Chromium headless, --disable-gpu (software compositing), driven over bare CDP (no Playwright), xterm.js DOM renderer, terminal ${f.size.cols}x${f.size.rows} cells`,
  );
  console.log(`(a)  baseline: engine TTY exec read by a plain Node consumer (dockerode, no Berth):   ${mbps(raw)}`);
  console.log(
    `(b)  Berth: Enter keydown → last byte parsed into xterm's buffer:                      ${mbps(parsed)}  ${ratio(parsed)} (target >= 0.9)`,
  );
  console.log(
    `(b') Berth: Enter keydown → the frame showing it rendered by xterm:                     ${mbps(rendered)}  ${ratio(rendered)}`,
  );
  const aloneParsed = median(f.alone.map((r) => r.parsedMBps));
  const aloneRendered = median(f.alone.map((r) => r.renderedMBps));
  console.log(
    `(c)  ceiling: xterm.js alone in this Chromium, same size, fed 64 KiB writes from memory: parsed ${mbps(aloneParsed)} (c/a ${(aloneParsed / raw).toFixed(3)}), rendered ${mbps(aloneRendered)}, ~${median(f.alone.map((r) => r.frames))} frames`,
  );
  console.log(`     b/c (Berth against xterm's own ceiling here): ${(parsed / aloneParsed).toFixed(3)}`);
  const peerParsed = median(f.peer.map((r) => r.parsedMBps));
  const peerRendered = median(f.peer.map((r) => r.renderedMBps));
  console.log(
    `(p)  peer: a ttyd/wetty-style web terminal (dockerode TTY exec → plain \`ws\` frames → xterm.js, same renderer, page and flow-control windows): parsed ${mbps(peerParsed)} (p/a ${(peerParsed / raw).toFixed(3)}), rendered ${mbps(peerRendered)}`,
  );
  console.log(
    `     b'/p' (Berth against the peer, rendered): ${(rendered / peerRendered).toFixed(3)} (target >= 0.9); parsed: ${(parsed / peerParsed).toFixed(3)}`,
  );
  if (swiftShader) {
    const webgl = swiftShader.webgl;
    const dom = swiftShader.dom;
    console.log(
      `(c-gl) xterm.js alone, Chromium with --use-angle=swiftshader (GPU process on, software GL), ${webgl[0]?.renderer} renderer: parsed ${mbps(median(webgl.map((r) => r.parsedMBps)))}, rendered ${mbps(median(webgl.map((r) => r.renderedMBps)))}, ~${median(webgl.map((r) => r.frames))} frames`,
    );
    console.log(
      `(c-dom) the same Chromium, DOM renderer: parsed ${mbps(median(dom.map((r) => r.parsedMBps)))}, rendered ${mbps(median(dom.map((r) => r.renderedMBps)))}, ~${median(dom.map((r) => r.frames))} frames`,
    );
  }
  const framesPerMB = (runs: readonly RenderedRun[]): string => {
    const counted = runs.flatMap((r) => (r.frames === undefined ? [] : [r.frames / ((f.blocks * 65536) / 1e6)]));
    return counted.length > 0 ? median(counted).toFixed(2) : '?';
  };
  console.log(
    `frames xterm rendered per MB (median): Berth ${framesPerMB(f.berth)}, peer ${framesPerMB(f.peer)}, xterm.js alone (animation frames) ${framesPerMB(f.alone)}`,
  );
  console.log(
    `per round (a / b parsed / p parsed / c parsed, MB/s): ${f.rawMBps.map((v, i) => `${v.toFixed(1)}/${f.berth[i]!.parsedMBps.toFixed(1)}/${f.peer[i]!.parsedMBps.toFixed(1)}/${f.alone[i]!.parsedMBps.toFixed(1)}`).join('  ')}`,
  );
  const totalMB = ((f.blocks * 65536) / 1e6) * f.rounds;
  const berthPage = pageCost(f.berthCpu, f.mainThread.berth, totalMB);
  const peerPage = pageCost(f.peerCpu, f.mainThread.peer, totalMB);
  const alonePage = pageCost(f.aloneCpu, f.mainThread.alone, totalMB);
  const costs = (c: typeof berthPage): string =>
    `renderer process ${c.rendererMsPerMB.toFixed(1)} ms, main thread ${c.mainThreadMsPerMB.toFixed(1)} ms`;
  const vsAlone = (c: typeof berthPage): string => {
    const r = costRatio(c, alonePage);
    return `${r.renderer.toFixed(2)}x (main thread ${r.mainThread.toFixed(2)}x)`;
  };
  console.log(`page CPU per MB: Berth ${costs(berthPage)}; peer ${costs(peerPage)}; xterm.js alone ${costs(alonePage)}`);
  console.log(
    `     Berth against xterm.js alone: ${vsAlone(berthPage)} (target <= 1.1); the peer against xterm.js alone: ${vsAlone(peerPage)}`,
  );
  for (const other of f.others) {
    const otherParsed = median(other.runs.map((r) => r.parsedMBps));
    const otherRendered = median(other.runs.map((r) => r.renderedMBps));
    const otherPage = pageCost(other.cpu, other.mainThread, totalMB);
    console.log(
      `(o)  another build (${other.dist}) in the same rounds: parsed ${mbps(otherParsed)}, rendered ${mbps(otherRendered)}; o'/p' ${(otherRendered / peerRendered).toFixed(3)} (b'/o' ${(rendered / otherRendered).toFixed(3)}); page CPU per MB ${costs(otherPage)}, against xterm.js alone ${vsAlone(otherPage)}; ${framesPerMB(other.runs)} frames per MB`,
    );
    console.log(`     per round (o parsed, MB/s): ${other.runs.map((r) => r.parsedMBps.toFixed(1)).join('  ')}`);
  }
  const perMB = (cpu: Map<string, number>): string =>
    [...cpu]
      .filter(([, s]) => s / totalMB >= 0.001)
      .sort((x, y) => y[1] - x[1])
      .map(([g, s]) => `${g} ${((s / totalMB) * 1000).toFixed(1)}`)
      .join(', ');
  const sum = (cpu: Map<string, number>): number => [...cpu.values()].reduce((x, y) => x + y, 0);
  console.log(`CPU ms per MB (a): total ${((sum(f.rawCpu) / totalMB) * 1000).toFixed(1)}: ${perMB(f.rawCpu)}`);
  console.log(`CPU ms per MB (b): total ${((sum(f.berthCpu) / totalMB) * 1000).toFixed(1)}: ${perMB(f.berthCpu)}`);
  console.log(
    `CPU ms per MB (p; its server runs in the bench process): total ${((sum(f.peerCpu) / totalMB) * 1000).toFixed(1)}: ${perMB(f.peerCpu)}`,
  );
  console.log(`CPU ms per MB (c): total ${((sum(f.aloneCpu) / totalMB) * 1000).toFixed(1)}: ${perMB(f.aloneCpu)}`);
  console.log('(CPU of every process this bench started, and of dockerd/containerd machine-wide: other users of the engine add to those.)');
  const bound = throughputBound(f, totalMB);
  console.log(
    `CPU bound on this machine: making and carrying the bytes (the engine's processes and the plain reader in (a): ${bound.engineMsPerMB.toFixed(1)} ms/MB) plus xterm.js alone parsing and drawing them ((c): ${bound.pageMsPerMB.toFixed(1)} ms/MB) take ${(bound.engineMsPerMB + bound.pageMsPerMB).toFixed(1)} ms of CPU per MB; ${bound.cores} cores give at most ${mbps(bound.MBps)}, b/a at most ${(bound.MBps / raw).toFixed(2)}, even with no cost of Berth's own and every core busy all the time`,
  );
}

function printLatency(f: BrowserBenchFigures): void {
  const rawEcho = median(f.rawEchoMs);
  console.log(
    `\n## Keystroke echo latency, ${f.rawEchoMs.length} keys into BusyBox sh (times taken in the page with performance.now(), on xterm's own events)`,
  );
  console.log(`baseline   raw TTY exec, Node writes a char and reads its echo:                 ${ms(f.rawEchoMs)}`);
  console.log(`step       Berth's web server from a Node WebSocket client (no browser):         ${printWsEcho(f.wsEchoMs)}`);
  const printEcho = (title: string, e: EchoSamples): void => {
    console.log(title);
    console.log(
      `candidate  Berth: keydown → char in xterm's buffer (parsed):                   ${ms(e.bufferMs)}  difference median +${(median(e.bufferMs) - rawEcho).toFixed(2)} ms (target: within 5 ms)`,
    );
    console.log(
      `candidate  Berth: keydown → xterm rendered the frame showing it:                ${ms(e.renderedMs)}  difference median +${(median(e.renderedMs) - rawEcho).toFixed(2)} ms`,
    );
    console.log(
      `candidate  Berth: keydown → that frame's paint done on the main thread:         ${ms(e.paintedMs)}  difference median +${(median(e.paintedMs) - rawEcho).toFixed(2)} ms`,
    );
  };
  printEcho('in Chromium as a browser runs it (the web transport), nothing animating on the page:', f.berthEcho);
  printEcho('the same while a 1 px element animates a box-shadow on the main thread (as a blinking cursor does):', f.animatingEcho);
  printEcho(
    `while animating, in Chromium with the desktop app's switches (--disable-features=${disabledChromiumFeatures.join(',')}):`,
    f.desktopAnimatingEcho,
  );
  const c = f.ctrlC;
  console.log(`\n## Ctrl-C while the same generator floods the terminal (1 s in), ${c.length} runs (no baseline: Berth alone)`);
  console.log(`input delay of the Ctrl-C keydown (handled minus created): ${ms(c.map((r) => r.inputDelayMs))}`);
  console.log(`keydown → the prompt is the cursor's row in xterm's buffer: ${ms(c.map((r) => r.promptMs))}`);
  console.log(`keydown → that frame rendered:                           ${ms(c.map((r) => r.renderedMs))}`);
  const idleShares = [...f.idle.cpuShare].filter(([, share]) => share >= 0.001).sort((x, y) => y[1] - x[1]);
  console.log(`\n## An open terminal with nothing happening (from 2 s after the last key, 4 s measured)`);
  console.log(
    `CPU, share of one core: ${idleShares.map(([g, share]) => `${g} ${(share * 100).toFixed(1)}%`).join(', ') || 'none above 0.1%'}`,
  );
  console.log(
    `running animations in the page: ${f.idle.animations.join(', ') || 'none'} (a blinking cursor is a CSS animation Chromium draws 60 frames a second for)`,
  );
}
