// `node --import tsx bench/terminal-vs-peer.ts`: only the terminal throughput rounds of `npm run
// bench` (raw exec, Berth, the ttyd/wetty-style peer and xterm.js alone, interleaved) and their
// page CPU per MB, without the echo, Ctrl-C and idle parts: quick enough to repeat for a median.
// Needs `npm run build` first (BENCH_DIST=<dir> serves another build). BENCH_DIST_OTHER=<dir>[,<dir>…]
// adds other Berth builds (an older commit's) to the same rounds, so a before/after shares the load.
// Knobs as in run.ts: BENCH_ROUNDS (5), BENCH_RENDER_BLOCKS (320 × 64 KiB). Timings only print.
import { startWebServerProcess, type WebServerProcess } from '../scripts/web-server-process.js';
import { EngineConnection } from '../electron/engine/engine-connection.js';
import { startIdleContainer } from './bench-kit.js';
import { chromiumArgs, chromiumPath, openShellInPage, startWebServer } from './berth-page.js';
import { printThroughput, throughputRounds } from './browser-terminal.js';
import { CdpPage } from './cdp-page.js';

const rounds = Number(process.env.BENCH_ROUNDS ?? 5);
const blocks = Number(process.env.BENCH_RENDER_BLOCKS ?? 320);
const otherDists = (process.env.BENCH_DIST_OTHER ?? '').split(',').filter(Boolean);
const fixture = startIdleContainer('berth-e2e-tp-peer');
const connection = new EngineConnection({ id: 'bench-peer' });
const servers: WebServerProcess[] = [];
const pages: CdpPage[] = [];
const openBerth = async (server: WebServerProcess): Promise<CdpPage> => {
  servers.push(server);
  const page = await CdpPage.launch(chromiumPath, chromiumArgs, server.url, { width: 1400, height: 900 });
  pages.push(page);
  await openShellInPage(page, fixture.name);
  return page;
};
try {
  await connection.connect();
  const page = await openBerth(await startWebServer());
  const others: { dist: string; page: CdpPage }[] = [];
  for (const dist of otherDists) others.push({ dist, page: await openBerth(await startWebServerProcess({ dist })) });
  printThroughput(await throughputRounds(connection, page, fixture.name, blocks, rounds, others));
} finally {
  for (const page of pages) await page.close();
  for (const server of servers) await server.stop();
  connection.close();
  fixture.remove();
}
