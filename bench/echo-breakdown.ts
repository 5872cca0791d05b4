// `node --import tsx bench/echo-breakdown.ts`: where a keystroke's echo spends its time in the page.
// Times, with performance.now() in the page, the keydown, the WebSocket frame that carries the key
// out, the first frame that comes back after it, xterm's parse of the echo and its render.
// Needs `npm run build` first. Not part of `npm run bench`: it wraps the page's WebSocket.
// BENCH_CHROMIUM_ARGS adds Chromium flags (e.g. the desktop app's --disable-features=...);
// TRACE=1 also prints the page's main-thread tasks around one more key press.
import { CdpPage } from './cdp-page.js';
import { chromiumArgs, chromiumPath, openShellInPage, startWebServer } from './berth-page.js';
import { renderedThroughput } from './browser-terminal.js';
import { median, percentile, startIdleContainer } from './bench-kit.js';

/** Wraps WebSocket before the app loads: records when frames leave and arrive. */
const wrapSocket = `(() => {
  const log = (window.__wsLog = []);
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', () => log.push({ dir: 'in', t: performance.now() }));
    }
    send(data) { log.push({ dir: 'out', t: performance.now() }); return super.send(data); }
  };
})();`;

function armEcho(container: string, want: number): string {
  return `window.__benchEcho = new Promise((resolve) => {
    const probe = window.__berthTerminalProbes.get(${JSON.stringify(container)});
    let t0 = 0, parsed = 0;
    const stops = [];
    window.__wsLog.length = 0;
    const finish = (r) => { for (const s of stops) s(); resolve(r); };
    const onDown = () => { document.removeEventListener('keydown', onDown, true); t0 = performance.now(); };
    document.addEventListener('keydown', onDown, true);
    stops.push(probe.onParsed(() => {
      if (parsed || !t0) return;
      if (probe.linesAtCursor(0).split('q').length - 1 >= ${want}) parsed = performance.now();
    }));
    stops.push(probe.onRendered(() => {
      if (!parsed) return;
      const rendered = performance.now();
      const out = window.__wsLog.find((e) => e.dir === 'out' && e.t >= t0);
      const back = out && window.__wsLog.find((e) => e.dir === 'in' && e.t >= out.t);
      finish({ sent: out ? out.t - t0 : -1, back: back ? back.t - t0 : -1, parsed: parsed - t0, rendered: rendered - t0 });
    }));
    setTimeout(() => finish(null), 5000);
  }); undefined`;
}

const keys = Number(process.env.BENCH_ECHO_KEYS ?? 60);
const fixture = startIdleContainer('berth-e2e-echo');
const container = fixture.name;
const server = await startWebServer();
const page = await CdpPage.launch(
  chromiumPath,
  [...chromiumArgs, ...(process.env.BENCH_CHROMIUM_ARGS ?? '').split(' ').filter(Boolean)],
  'about:blank',
  { width: 1400, height: 900 },
);
try {
  await page.send('Page.enable');
  await page.send('Page.addScriptToEvaluateOnNewDocument', { source: wrapSocket });
  await page.send('Page.navigate', { url: server.url });
  await openShellInPage(page, container);
  // BENCH_FLOOD_FIRST=N: N MB-ish floods before, as `npm run bench` does before its echo.
  for (let i = 0; i < Number(process.env.BENCH_FLOOD_FIRST ?? 0); i++) await renderedThroughput(page, container, 320);
  // BENCH_ECHO_ANIMATING=1 measures while the page still animates (a just-started container's
  // badge pulses for 7 s); by default, once nothing animates (see chromium-switches.ts for why it matters).
  if (process.env.BENCH_ECHO_ANIMATING !== '1') await page.waitFor('document.getAnimations().length === 0', 20_000);
  await page.type('clear\n');
  await new Promise((r) => setTimeout(r, 500));
  const rows: Array<{ sent: number; back: number; parsed: number; rendered: number }> = [];
  for (let i = 0; i < keys; i++) {
    await page.evaluate(armEcho(container, i + 1));
    await page.press('q');
    const r = await page.evaluate<{ sent: number; back: number; parsed: number; rendered: number } | null>('window.__benchEcho');
    if (r) rows.push(r);
    await new Promise((res) => setTimeout(res, Number(process.env.BENCH_ECHO_GAP_MS ?? 30)));
  }
  if (process.env.TRACE) {
    const events: Array<{ name: string; ph: string; ts: number; dur?: number; pid: number; tid: number; args?: Record<string, unknown> }> =
      [];
    const off = page.onEvent((method, params) => {
      if (method === 'Tracing.dataCollected') events.push(...(params as { value: typeof events }).value);
    });
    const complete = new Promise<void>((resolve) => page.onEvent((method) => method === 'Tracing.tracingComplete' && resolve()));
    await page.send('Tracing.start', {
      categories:
        process.env.TRACE_CATEGORIES ??
        'devtools.timeline,disabled-by-default-devtools.timeline,toplevel,blink,renderer.scheduler,disabled-by-default-renderer.scheduler,input,benchmark,cc,viz',
      transferMode: 'ReportEvents',
    });
    await page.evaluate(armEcho(container, keys + 1));
    await page.press('q');
    await page.evaluate('window.__benchEcho');
    await page.send('Tracing.end');
    await complete;
    off();
    const down = events.find((e) => e.name === 'EventDispatch' && (e.args?.data as { type?: string } | undefined)?.type === 'keydown');
    if (!down) console.log('no keydown in trace');
    else {
      const mains = events.filter(
        (e) =>
          e.pid === down.pid &&
          e.tid === down.tid &&
          e.ts >= down.ts - 300 &&
          e.ts < down.ts + Number(process.env.TRACE_MS ?? 40) * 1000 &&
          (process.env.TRACE_ALL ? true : e.ph === 'X' && (e.dur ?? 0) > 200),
      );
      for (const e of mains.sort((a, b) => a.ts - b.ts))
        console.log(
          `${((e.ts - down.ts) / 1000).toFixed(2).padStart(8)} ms  ${((e.dur ?? 0) / 1000).toFixed(2).padStart(6)} ms  ${e.ph} ${e.name} ${JSON.stringify(e.args?.data ?? '').slice(0, 140)}`,
        );
    }
  }
  const show = (name: string, v: number[]): void =>
    console.log(`${name.padEnd(44)} median ${median(v).toFixed(2)} ms, p95 ${percentile(v, 95).toFixed(2)} ms`);
  console.log(`\n## Keystroke echo in the page, ${rows.length} keys (from the keydown)`);
  show(
    'keydown → frame with the key sent',
    rows.map((r) => r.sent),
  );
  show(
    'keydown → first frame back',
    rows.map((r) => r.back),
  );
  show(
    'keydown → echo parsed into the buffer',
    rows.map((r) => r.parsed),
  );
  show(
    'keydown → rendered',
    rows.map((r) => r.rendered),
  );
  show(
    'frame back → parsed',
    rows.map((r) => r.parsed - r.back),
  );
} finally {
  await page.close();
  await server.stop();
  fixture.remove();
}
