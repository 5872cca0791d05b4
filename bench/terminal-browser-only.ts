// `node --import tsx bench/terminal-browser-only.ts`: the browser terminal section of `npm run bench` alone
// (throughput against raw exec, the ttyd/wetty-style peer and xterm.js alone; echo; Ctrl-C during a flood;
// idle cost), without the Node-side, log, stats and scale sections. Needs `npm run build`. Knobs as in run.ts.
import { startIdleContainer } from './bench-kit.js';
import { benchBrowserTerminal } from './browser-terminal.js';

const fixture = startIdleContainer('berth-e2e-tp-browser');
try {
  await benchBrowserTerminal(fixture.name);
} finally {
  fixture.remove();
}
