import { expect, test } from '@playwright/test';
import { runFixture, specContainers } from './fixtures/docker-cli.js';
import { proxiedEngineServer } from './fixtures/proxied-engine-server.js';
import { openShellFromRow, terminalText, waitForPrompt } from './fixtures/terminal.js';

// A shell on an engine that drops: this machine reached through a loopback proxy the test cuts, as a
// robot on flaky Wi-Fi would be. The tab says its engine dropped and Reconnect reopens the shell once
// the engine answers again.
const containers = specContainers('berth-e2e-h2term-');
const spec = proxiedEngineServer({
  dirPrefix: 'berth-e2e-h2term-',
  savedEngines: (proxy) => [{ id: 'proxied', name: 'proxied', host: proxy.host, source: 'saved' }],
});

test.afterAll(() => containers.removeAll());

test('a terminal on a dropped engine says so; Reconnect reopens the shell when the engine answers again (and detail tabs name the engine)', async ({
  page,
}) => {
  // A proxy cut and restored, with the engine's reconnection backoff between, on a shared, busy machine.
  test.setTimeout(180_000);
  const { server, proxy } = spec.started();
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
  const panel = page.getByRole('tabpanel').filter({ has: page.getByRole('region', { name: `Terminal ${name}` }) });
  const terminal = await openShellFromRow(page, name, panel);

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
  await terminal.click();
  await waitForPrompt(page, name, { timeout: 30_000 });
  await page.keyboard.type('echo berth-back-$((6*7))\n');
  await expect.poll(() => terminalText(page, name)).toContain('berth-back-42');
});

test('a shell opened on another engine than the page’s says when its own engine drops', async ({ page }) => {
  test.setTimeout(180_000);
  const { server, proxy } = spec.started();
  const name = containers.name('other');
  runFixture(name);

  // The page stays on this machine's engine; the shell opens on the proxied one from the all-engines list.
  await page.goto(server.url);
  await page.getByRole('link', { name: /^Containers/ }).click();
  await page.getByLabel('Show').selectOption({ label: 'All engines' });
  await page.getByLabel('Filter containers').fill(name);
  await page
    .getByRole('row', { name: `${name} on proxied`, exact: true })
    .getByRole('button', { name: 'Open shell', exact: true })
    .click();
  const terminal = page.getByRole('region', { name: `Terminal ${name} on proxied`, exact: true });
  await terminal.click();
  await waitForPrompt(page, name, { timeout: 30_000 });
  const panel = page.getByRole('tabpanel').filter({ has: terminal });

  await proxy.stop();
  try {
    await expect(panel.getByRole('status').filter({ hasText: /proxied dropped \(/ })).toBeVisible({ timeout: 60_000 });
    await page.screenshot({ path: test.info().outputPath('other-engine-dropped.png') });
  } finally {
    await proxy.start();
  }
  // Back: the banner says the session was lost and Reconnect reopens it on the same engine.
  const back = panel.getByRole('status').filter({ hasText: /proxied answers again/ });
  await expect(back).toBeVisible({ timeout: 60_000 });
  await back.getByRole('button', { name: 'Reconnect' }).click();
  await expect(panel.getByRole('status').filter({ hasText: /dropped|answers again/ })).toHaveCount(0, { timeout: 30_000 });
  await terminal.click();
  await waitForPrompt(page, name, { timeout: 30_000 });
});
