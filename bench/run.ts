// `npm run bench`: speed figures as ratios against baselines measured in the same run.
// Needs the engine and fixture image from scripts/setup-test-env.sh; the browser part needs
// `npm run build` first and Debian's Chromium (BERTH_CHROMIUM to point elsewhere; BENCH_BROWSER=0 skips it).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { benchBrowserTerminal } from './browser-terminal.js';
import { benchTerminalThroughput } from './terminal-throughput.js';

const container = `berth-bench-${process.pid}`;
execFileSync('docker', ['run', '-d', '--name', container, '--label', 'berth.test-fixture=true', 'berth-fixture/busybox:latest', 'sh', '-c', 'while true; do sleep 1; done']);
try {
  await benchTerminalThroughput(container);
  if (process.env.BENCH_BROWSER === '0') console.log('\n(browser figures skipped: BENCH_BROWSER=0)');
  else if (!existsSync('dist/electron/web.cjs')) console.log('\n(browser figures skipped: run `npm run build` first)');
  else await benchBrowserTerminal(container);
} finally {
  execFileSync('docker', ['rm', '-f', container]);
}
