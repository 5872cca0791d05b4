import { expect, test } from '@playwright/test';
import { helperFixture } from '../electron/engine/images/registry-helper-fixture.js';
import { docker, fixtureImage } from './fixtures/docker-cli.js';
import { BerthPage } from './pages/berth-page.js';
import { startWebServerProcess, type WebServerProcess } from '../scripts/web-server-process.js';

const shots = '/tmp/berth-shots';
const rand = Math.random().toString(36).slice(2, 8);
const authed = '127.0.0.1:5001';
const securedRef = `${authed}/berth-e2e-cr/helper:${rand}`;

/**
 * A Berth web server of its own, started as a user's shell would: DOCKER_CONFIG names a
 * credential helper for :5001 (a real script on PATH speaking the protocol) and one that is not
 * installed. Berth itself has no login.
 */
test.describe('registry credentials from the docker CLI credential helpers', () => {
  const fixture = helperFixture();
  let server: WebServerProcess | undefined;
  let appUrl = '';

  test.beforeAll(async () => {
    fixture.write('berthe2e', { [authed]: ['berth', 'berth-secret'] });
    const configDir = fixture.dockerConfig({ credHelpers: { [authed]: 'berthe2e', 'registry.example.invalid': 'berth-e2e-missing' } });
    docker('tag', fixtureImage, securedRef);
    server = await startWebServerProcess({
      env: { ...process.env, DOCKER_CONFIG: configDir, PATH: `${fixture.binDir}:${process.env.PATH ?? ''}` },
    });
    appUrl = server.url;
  });
  test.afterAll(async () => {
    await server?.stop();
    try {
      docker('rmi', securedRef);
    } catch {
      // already gone
    }
    fixture.remove();
  });

  test('lists the helper accounts (and the missing helper), then pushes with credentials only the helper has', async ({ page }) => {
    const berth = new BerthPage(page);
    await berth.open('', appUrl);
    await berth.showImages();
    await page.getByRole('button', { name: 'Registries' }).click();
    const panel = page.getByRole('region', { name: 'Registries' });
    const helperAccount = panel.getByRole('listitem', { name: `Account ${authed}` });
    await expect(helperAccount).toContainText('berth');
    await expect(helperAccount).toContainText('docker-credential-berthe2e');
    const missing = panel.getByRole('listitem', { name: 'Account registry.example.invalid' });
    await expect(missing).toContainText('docker-credential-berth-e2e-missing is not installed (not found on PATH)');
    await expect(panel).not.toContainText('berth-secret');
    await page.screenshot({ path: `${shots}/creds-helper-accounts.png` });
    await panel.getByRole('button', { name: 'Close' }).click();

    await berth.filterImages(`berth-e2e-cr/helper:${rand}`);
    await berth.row(securedRef).getByRole('button', { name: 'Push', exact: true }).click();
    const card = page.getByRole('article', { name: `Push ${securedRef}` });
    await expect(card.getByRole('status')).toHaveText('Done', { timeout: 30_000 });
    expect(fixture.calls()).toContain(`get ${authed}`);
  });
});
