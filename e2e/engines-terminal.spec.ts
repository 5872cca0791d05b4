import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { runFixture, specContainers } from './fixtures/docker-cli.js';
import { startWebServerProcess, type WebServerProcess } from '../scripts/web-server-process.js';
import { TcpEngineProxy } from '../electron/test-support/tcp-engine-proxy.js';

// A shell on an engine that drops: this machine reached through a loopback proxy the test cuts, as a
// robot on flaky Wi-Fi would be. The tab says its engine dropped and Reconnect reopens the shell once
// the engine answers again.
const containers = specContainers('berth-e2e-h2term-');
let server: WebServerProcess;
let proxy: TcpEngineProxy;
let dir: string;

test.beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'berth-e2e-h2term-'));
  const enginesFile = path.join(dir, 'engines.json');
  proxy = new TcpEngineProxy();
  await proxy.start();
  writeFileSync(
    enginesFile,
    JSON.stringify({ version: 1, engines: [{ id: 'proxied', name: 'proxied', host: proxy.host, source: 'saved' }] }),
  );
  server = await startWebServerProcess({
    args: ['--engines-file', enginesFile],
    ...(process.env.BERTH_E2E_DIST ? { dist: process.env.BERTH_E2E_DIST } : {}),
  });
});

test.afterAll(async () => {
  await server?.stop();
  await proxy?.stop();
  containers.removeAll();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** The visible text of the terminal open on `container`, read from xterm's buffer (test hook). */
async function terminalText(page: Page, container: string): Promise<string> {
  return page.evaluate((name) => {
    const hooks = (window as unknown as { __berthTerminals?: Map<string, () => string> }).__berthTerminals;
    if (!hooks) return '';
    for (const [key, read] of hooks) if (key.includes(name)) return read();
    return '';
  }, container);
}

test('a terminal on a dropped engine says so; Reconnect reopens the shell when the engine answers again (and detail tabs name the engine)', async ({
  page,
}) => {
  // A proxy cut and restored, with the engine's reconnection backoff between, on a shared, busy machine.
  test.setTimeout(180_000);
  const name = containers.name('shell');
  runFixture(name);

  await page.goto(server.url);
  await page.getByLabel('Engine', { exact: true }).selectOption('proxied');
  await page.getByRole('link', { name: /^Containers/ }).click();
  await page.getByLabel('Filter containers').fill(name);
  // A detail tab's own command names the engine too.
  await page.getByRole('row', { name, exact: true }).getByRole('button', { name, exact: true }).click();
  await page.getByRole('tab', { name: 'Inspect' }).click();
  await expect(page.getByText(`DOCKER_HOST=${proxy.host} docker inspect ${name}`, { exact: true })).toBeVisible();
  await page.getByRole('row', { name, exact: true }).getByRole('button', { name: 'Open shell', exact: true }).click();
  const panel = page.getByRole('tabpanel').filter({ has: page.getByRole('region', { name: `Terminal ${name}` }) });
  await panel.getByRole('region', { name: `Terminal ${name}` }).click();
  await expect.poll(() => terminalText(page, name)).toMatch(/[#$] ?$/m);

  await proxy.stop();
  const notice = panel.getByRole('status').filter({ hasText: /proxied dropped \(/ });
  await expect(notice).toBeVisible({ timeout: 60_000 });
  await page.screenshot({ path: 'artifacts/engines-terminal-dropped.png' });
  // Reconnect while it is away: the shell waits for the engine.
  await notice.getByRole('button', { name: 'Reconnect' }).click();
  await expect(panel.getByRole('status').filter({ hasText: 'The shell reopens when it answers.' })).toBeVisible();

  await proxy.start();
  await expect(panel.getByRole('status').filter({ hasText: /dropped|answers again/ })).toHaveCount(0, { timeout: 60_000 });
  // The new session answers.
  await panel.getByRole('region', { name: `Terminal ${name}` }).click();
  await expect.poll(() => terminalText(page, name), { timeout: 30_000 }).toMatch(/[#$] ?$/m);
  await page.keyboard.type('echo berth-back-$((6*7))\n');
  await expect.poll(() => terminalText(page, name)).toContain('berth-back-42');
});
