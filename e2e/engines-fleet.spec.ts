import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { containerState, runFixture, specContainers } from './fixtures/docker-cli.js';
import { proxiedEngineServer } from './fixtures/proxied-engine-server.js';

// Two engines at once: this machine's socket, and the same engine reached through a loopback TCP
// proxy the test can cut, as a robot on flaky Wi-Fi would be. A Berth server of its own, so the
// saved engines go to a file of this spec's (--engines-file), not the user's config folder.
const containers = specContainers('berth-e2e-h7fleet-');
// No engines file at first: the spec adds the proxied engine in the UI and reads what Berth saved.
const spec = proxiedEngineServer({ dirPrefix: 'berth-e2e-h7-' });

test.afterAll(() => containers.removeAll());

const card = (page: Page, name: string) => page.getByRole('listitem', { name: `Engine ${name}` });

test('two engines in the fleet view; one dropping shows reconnecting while the other keeps working, and it recovers', async ({ page }) => {
  // Many steps, each waiting for the engine (a reconnection, a list update) on a shared, busy machine.
  test.setTimeout(240_000);
  const { server, proxy, enginesFile } = spec.started();
  const name = containers.name('web');
  runFixture(name);

  await page.goto(server.url);
  await page.getByRole('link', { name: /^Engines/ }).click();
  await expect(card(page, 'This machine').getByRole('status')).toHaveText('connected');

  // Add the second engine: plain TCP is accepted because it is on loopback.
  await page.getByRole('button', { name: 'Add engine…' }).click();
  const form = page.getByRole('dialog', { name: 'Add an engine' });
  await form.getByLabel('TCP on this machine').check();
  await form.getByLabel('Name').fill('proxied');
  await form.getByLabel('Address').fill('tcp://10.1.2.3:2375');
  await expect(form.getByText(`docker context create proxied --docker host=tcp://10.1.2.3:2375`)).toBeVisible();
  await form.getByRole('button', { name: 'Add engine' }).click();
  // Off loopback, plain TCP is refused with the reason, beside the address.
  await expect(form.getByText(/refused off loopback.*root on its machine/)).toBeVisible();
  await page.screenshot({ path: 'artifacts/engines-add-refused.png' });
  await form.getByLabel('Address').fill(proxy.host);
  await form.getByRole('button', { name: 'Add engine' }).click();
  await expect(form).toBeHidden();

  const proxied = card(page, 'proxied');
  await expect(proxied.getByRole('status')).toHaveText('connected');
  await expect(proxied).toContainText(/\d+ running \/ \d+ total/);
  await expect(card(page, 'This machine')).toContainText(/\d+ running \/ \d+ total/);
  // Saved for the next start, with no more than the spec.
  expect(JSON.parse(readFileSync(enginesFile, 'utf8'))).toEqual({
    version: 1,
    engines: [{ id: 'proxied', name: 'proxied', host: proxy.host, source: 'saved' }],
  });
  await page.screenshot({ path: 'artifacts/engines-fleet.png', fullPage: true });

  // The proxy dies: that engine says it is reconnecting (with its next try), the other is untouched.
  await proxy.stop();
  await expect(proxied.getByRole('status')).toHaveText(/reconnecting(, next try (in \d+ s|now))?/);
  await expect(card(page, 'This machine').getByRole('status')).toHaveText('connected');
  await page.screenshot({ path: 'artifacts/engines-fleet-reconnecting.png', fullPage: true });

  // Meanwhile a container action on the local engine succeeds.
  await page.getByRole('link', { name: /^Containers/ }).click();
  await page.getByLabel('Filter containers').fill(name);
  const row = page.getByRole('row', { name, exact: true });
  await row.getByRole('button', { name: 'Stop', exact: true }).click();
  // A list on a busy shared engine can lag: wait for the stop to show rather than for a fixed time.
  await expect(row).toContainText(/exited/i, { timeout: 60_000 });
  expect(containerState(name)).toBe('exited');

  // The proxy comes back: the engine recovers by itself.
  await proxy.start();
  await page.getByRole('link', { name: /^Engines/ }).click();
  await expect(proxied.getByRole('status')).toHaveText('connected', { timeout: 20_000 });

  // On the second engine, the shown command names it.
  await proxied.getByRole('button', { name: 'Show this engine' }).click();
  await expect(page.getByLabel('Engine', { exact: true })).toHaveValue('proxied');
  await page.getByRole('link', { name: /^Containers/ }).click();
  await page.getByLabel('Filter containers').fill(name);
  await page.getByRole('row', { name, exact: true }).getByRole('button', { name: 'Start', exact: true }).click();
  await expect(page.getByRole('log', { name: /recent actions/i })).toContainText(`DOCKER_HOST=${proxy.host} docker start ${name}`);
  await expect.poll(() => containerState(name)).toBe('running');
  // So do the commands dialogs show before acting.
  await page.getByRole('row', { name, exact: true }).getByRole('button', { name: 'Remove', exact: true }).click();
  const removeDialog = page.getByRole('dialog');
  await expect(removeDialog).toContainText(`DOCKER_HOST=${proxy.host} docker rm`);
  await removeDialog.getByRole('button', { name: 'Cancel' }).click();

  // Removing asks first, then forgets it (in the file too); the page falls back to this machine.
  await page.getByRole('link', { name: /^Engines/ }).click();
  await proxied.getByRole('button', { name: 'Remove…' }).click();
  await page
    .getByRole('dialog', { name: /Remove proxied from Berth/ })
    .getByRole('button', { name: 'Remove' })
    .click();
  await expect(proxied).toHaveCount(0);
  await expect(card(page, 'This machine')).toContainText('(shown)');
  expect(JSON.parse(readFileSync(enginesFile, 'utf8'))).toEqual({ version: 1, engines: [] });
});
