import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { docker, fixtureImage } from './fixtures/docker-cli.js';
import { BerthPage } from './pages/berth-page.js';

const shots = '/tmp/berth-shots';
const rand = Math.random().toString(36).slice(2, 8);
const authed = '127.0.0.1:5001';
const securedRef = `${authed}/berth-e2e-cr/busybox:${rand}`;

function tryDocker(...args: string[]): string | undefined {
  try {
    return docker(...args);
  } catch {
    return undefined;
  }
}

async function registriesPanel(page: Page) {
  const panel = page.getByRole('region', { name: 'Registries' });
  if (!(await panel.isVisible())) await page.getByRole('button', { name: 'Registries' }).click();
  return panel;
}

/** Berth's own login, if an earlier run left one: this spec starts logged out of :5001. */
async function logOutIfLoggedIn(page: Page): Promise<void> {
  const panel = await registriesPanel(page);
  await expect(panel.getByRole('status', { name: 'Where logins are kept' })).toBeVisible();
  const account = panel.getByRole('listitem', { name: `Account ${authed}` }).filter({ hasText: 'logged in through Berth' });
  if ((await account.count()) > 0) {
    await account.getByRole('button', { name: `Log out of ${authed}` }).click();
    await expect(account).toHaveCount(0);
  }
}

test.describe('registry credentials: a push that needs a login offers one', () => {
  test.beforeAll(() => {
    docker('tag', fixtureImage, securedRef);
  });
  test.afterAll(() => {
    tryDocker('rmi', securedRef);
  });

  test('push without a login fails with UNAUTHORIZED words and "Log in to 127.0.0.1:5001"; a wrong password is refused; the right one pushes', async ({
    page,
  }) => {
    const berth = new BerthPage(page);
    await berth.open('');
    await berth.showImages();
    await logOutIfLoggedIn(page);
    // The web version says where logins are kept.
    const panel = await registriesPanel(page);
    await expect(panel.getByRole('status', { name: 'Where logins are kept' })).toContainText('memory for this session only');
    await panel.getByRole('button', { name: 'Close' }).click();

    await berth.filterImages(`berth-e2e-cr/busybox:${rand}`);
    await berth.row(securedRef).getByRole('button', { name: 'Push', exact: true }).click();
    const card = page.getByRole('article', { name: `Push ${securedRef}` });
    await expect(card.getByRole('status')).toHaveText('Failed', { timeout: 30_000 });
    await expect(card.getByRole('alert')).toContainText(`${authed} needs a login to push`);
    await page.screenshot({ path: `${shots}/creds-push-needs-login.png` });

    // The card's button opens the login form with the registry filled in.
    await card.getByRole('button', { name: `Log in to ${authed}` }).click();
    const form = page.getByRole('form', { name: 'Log in to a registry' });
    await expect(form.getByLabel('Server')).toHaveValue(authed);
    await expect(form.getByLabel('Username')).toBeFocused();

    await form.getByLabel('Username').fill('berth');
    await form.getByLabel('Password').fill('not-the-password');
    await form.getByRole('button', { name: 'Log in' }).click();
    const loginPanel = page.getByRole('region', { name: 'Registries' });
    await expect(loginPanel.getByRole('alert')).toHaveText(`Login failed: Wrong username or password for ${authed} (user berth)`, {
      timeout: 20_000,
    });

    await form.getByLabel('Password').fill('berth-secret');
    await form.getByRole('button', { name: 'Log in' }).click();
    const account = loginPanel.getByRole('listitem', { name: `Account ${authed}` });
    await expect(account).toContainText('logged in through Berth', { timeout: 20_000 });
    await expect(loginPanel).not.toContainText('berth-secret');
    await expect(form.getByLabel('Password')).toHaveValue('');
    await page.screenshot({ path: `${shots}/creds-logged-in.png` });

    // Try again: a new card, and this time the push goes through.
    await card.getByRole('button', { name: `Try push ${securedRef} again` }).click();
    const retried = page.getByRole('article', { name: `Push ${securedRef}` });
    await expect(retried.getByRole('status')).toHaveText('Done', { timeout: 30_000 });
    await expect(retried.getByRole('button', { name: `Log in to ${authed}` })).toHaveCount(0);

    await account.getByRole('button', { name: `Log out of ${authed}` }).click();
    await expect(loginPanel.getByRole('listitem', { name: `Account ${authed}` })).toHaveCount(0);
  });

  test('a build whose FROM needs a login says so and offers "Log in to 127.0.0.1:5001"', async ({ page }) => {
    const berth = new BerthPage(page);
    await berth.open('');
    await berth.showImages();
    await logOutIfLoggedIn(page);
    await page.getByRole('button', { name: 'Build…' }).click();
    const panel = page.getByRole('region', { name: 'Build an image' });
    await panel.getByLabel('Context folder (on the machine Berth runs on)').fill(mkdtempSync(join(tmpdir(), 'berth-e2e-cr-build-')));
    await panel.getByRole('textbox', { name: 'Dockerfile' }).fill(`FROM ${authed}/berth-e2e-cr/absent:${rand}\n`);
    await panel.getByRole('button', { name: 'Build', exact: true }).click();
    const error = panel.getByRole('alert');
    await expect(error).toContainText('no basic auth credentials', { timeout: 30_000 });
    await page.screenshot({ path: `${shots}/creds-build-needs-login.png` });
    await error.getByRole('button', { name: `Log in to ${authed}` }).click();
    await expect(page.getByRole('form', { name: 'Log in to a registry' }).getByLabel('Server')).toHaveValue(authed);
  });
});
