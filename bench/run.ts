// `npm run bench`: speed figures as ratios against baselines measured in the same run.
// Needs the engine and fixture image from scripts/setup-test-env.sh; the browser part needs
// `npm run build` first and Debian's Chromium (BERTH_CHROMIUM to point elsewhere; BENCH_BROWSER=0 skips it).
// Knobs: BENCH_DIST (dist: the build to serve), BENCH_ROUNDS (5), BENCH_RENDER_BLOCKS (320 × 64 KiB), BENCH_ECHO_KEYS (100),
// BENCH_WEBGL=1 adds xterm.js alone with WebGL through SwiftShader. Timings only print: nothing
// asserts on them. `node --import tsx bench/profile-terminal.ts` profiles one flood instead.
import { existsSync } from 'node:fs';
import { benchBrowserTerminal } from './browser-terminal.js';
import { benchTerminalThroughput } from './terminal-throughput.js';
import { benchLogFlood, benchLogModel } from './log-flood.js';
import { benchScale } from './scale/scale-bench.js';
import { startIdleContainer } from './bench-kit.js';

const fixture = startIdleContainer('berth-e2e-tp-bench');
const container = fixture.name;
try {
  await benchTerminalThroughput(container);
  benchLogModel();
  if (process.env.BENCH_BROWSER === '0') console.log('\n(browser figures skipped: BENCH_BROWSER=0)');
  else if (!existsSync('dist/electron/web.cjs')) console.log('\n(browser figures skipped: run `npm run build` first)');
  else await benchBrowserTerminal(container);
  if (process.env.BENCH_BROWSER !== '0' && existsSync('dist/electron/web.cjs')) await benchLogFlood();
  if (process.env.BENCH_BROWSER !== '0' && existsSync('dist/electron/web.cjs')) await (await import('./stats-cost.js')).benchStatsCost();
} finally {
  fixture.remove();
}
// Scale (issue 12): 1,000 containers and 200 images of its own, made and removed by the section.
// BENCH_SCALE=0 skips it; BENCH_SCALE_BREAKDOWN=1 adds a profiled load (where its time goes).
if (process.env.BENCH_SCALE === '0') console.log('\n(scale figures skipped: BENCH_SCALE=0)');
else if (process.env.BENCH_BROWSER === '0' || !existsSync('dist/electron/web.cjs'))
  console.log('\n(scale figures skipped: they need the browser and `npm run build`)');
else await benchScale();
