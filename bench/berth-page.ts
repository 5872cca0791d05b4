// The Berth page a bench drives: its Chromium, its web server, and opening a shell in it.
import { startWebServerProcess, type WebServerProcess } from '../scripts/web-server-process.js';
import type { CdpPage } from './cdp-page.js';

/** Chromium as the e2e suite runs it (Debian's, no GPU, a fresh profile), but without Playwright: see cdp-page.ts. */
export const chromiumPath = process.env.BERTH_CHROMIUM ?? '/usr/bin/chromium';
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Starts the built web server (`npm run build` first; `BENCH_DIST` serves another build) on a free port. */
export function startWebServer(nodeArgs: readonly string[] = []): Promise<WebServerProcess> {
  return startWebServerProcess({ nodeArgs, dist: process.env.BENCH_DIST ?? 'dist' });
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
export const q = (value: string): string => JSON.stringify(value);

/** Filters the list to `container`, presses its "Open shell", focuses the terminal and waits for the prompt. */
export async function openShellInPage(page: CdpPage, container: string): Promise<void> {
  await page.waitFor(`document.querySelector('input[aria-label="Filter containers"]')`);
  await page.evaluate(`document.querySelector('input[aria-label="Filter containers"]').focus()`);
  await page.insertText(container);
  const button = `[...document.querySelectorAll('[role="row"]')].find((r) => r.getAttribute('aria-label') === ${q(container)} || r.textContent.includes(${q(container)}))?.querySelector('button[aria-label="Open shell"]')`;
  await page.waitFor(`${button} && !${button}.disabled`);
  await page.evaluate(`${button}.click()`);
  const region = `document.querySelector('[role="region"][aria-label=${q(`Terminal ${container}`)}]')`;
  await page.waitFor(`window.__berthTerminalProbes?.get(${q(container)}) && ${region}?.querySelector('textarea')`);
  await page.evaluate(`${region}.querySelector('textarea').focus()`);
  await page.waitFor(`/# $/m.test(window.__berthTerminals?.get(${q(container)})?.() ?? '')`);
}
