import { expect, test } from '@playwright/test';
import { startThrottledProxy, type ThrottledProxy } from '../electron/engine/images/testing/throttled-proxy.js';
import { docker, fixtureImage } from './fixtures/docker-cli.js';
import { BerthPage } from './pages/berth-page.js';

// scripts/setup-test-env.sh: 127.0.0.1:5002 serves :5000's storage read-only (pulls only).
const shots = '/tmp/berth-shots';
const rand = Math.random().toString(36).slice(2, 8);
const readOnly = '127.0.0.1:5002';
const deniedRef = `${readOnly}/berth-e2e-pd/x:${rand}`;

function tryDocker(...args: string[]): string | undefined {
  try {
    return docker(...args);
  } catch {
    return undefined;
  }
}

test.describe('a push the registry refuses', () => {
  test.beforeAll(() => {
    docker('tag', fixtureImage, deniedRef);
  });
  test.afterAll(() => {
    tryDocker('rmi', deniedRef);
  });

  test('pushing to a read-only registry fails with the reason on the card and no "Log in" offer', async ({ page }) => {
    const berth = new BerthPage(page);
    await berth.open('');
    await berth.showImages();
    await berth.filterImages(`berth-e2e-pd/x:${rand}`);
    await berth.row(deniedRef).getByRole('button', { name: 'Push', exact: true }).click();

    const card = page.getByRole('article', { name: `Push ${deniedRef}` });
    await expect(card.getByRole('status')).toHaveText('Failed', { timeout: 30_000 });
    const alert = card.getByRole('alert');
    await expect(alert).toContainText(`${readOnly} refused the push of ${deniedRef}: the registry is read-only`);
    await expect(alert).toContainText('logging in would not help');
    await expect(alert).toContainText('Push to a registry that accepts pushes');
    // Logging in cannot fix it, so the card does not offer it.
    await expect(card.getByRole('button', { name: /^Log in/ })).toHaveCount(0);
    await expect(page.getByRole('log', { name: 'Recent actions as docker commands' })).toContainText(`docker push ${deniedRef}`);
    await expect(page.getByRole('log', { name: 'Recent actions as docker commands' })).toContainText('✗ the registry refused it');
    await page.screenshot({ path: `${shots}/push-denied.png` });
  });
});

test.describe('a cancelled pull in the activity strip', () => {
  const pushed = `127.0.0.1:5000/berth-e2e-pd/mirror:${rand}`;
  let proxy: ThrottledProxy;
  const viaProxy = (): string => `${proxy.address}/berth-e2e-pd/mirror:${rand}`;

  test.beforeAll(async () => {
    docker('tag', fixtureImage, pushed);
    docker('push', pushed);
    // The read-only mirror behind a link slow enough (2 s per round trip) to cancel the pull mid-way.
    proxy = await startThrottledProxy({ targetPort: 5002, latencyMs: 2000 });
  });
  test.afterAll(async () => {
    await proxy?.close();
    tryDocker('rmi', pushed);
    tryDocker('rmi', viaProxy());
  });

  test('is shown as "cancelled" in grey, not as a ✓ success', async ({ page }) => {
    const berth = new BerthPage(page);
    await berth.open('');
    await berth.showImages();
    const ref = viaProxy();
    await page.getByRole('button', { name: 'Pull…' }).click();
    const form = page.getByRole('form', { name: 'Pull an image' });
    await form.getByLabel('Image reference').fill(ref);
    await form.getByRole('button', { name: 'Pull', exact: true }).click();
    const card = page.getByRole('article', { name: `Pull ${ref}` });
    await card.getByRole('button', { name: 'Cancel' }).click();
    await expect(card.getByRole('status')).toHaveText('Cancelled');

    const entry = page
      .getByRole('log', { name: 'Recent actions as docker commands' })
      .getByRole('listitem')
      .filter({ hasText: `docker pull ${ref}` });
    const outcome = entry.locator('.act-outcome');
    await expect(outcome).toHaveText(/^cancelled( · [\d.]+ m?s)?$/);
    await expect(outcome).not.toContainText('✓');
    // Grey (the muted text colour), not the green of a success.
    const green = await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--green').trim());
    const muted = await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--text-muted').trim());
    const colour = await outcome.evaluate((el) => getComputedStyle(el).color);
    const rgb = await page.evaluate((c) => {
      const probe = document.createElement('span');
      probe.style.color = c;
      document.body.append(probe);
      const value = getComputedStyle(probe).color;
      probe.remove();
      return value;
    }, muted);
    expect(colour).toBe(rgb);
    expect(green).not.toBe(muted);
    await page.getByRole('contentinfo', { name: 'Activity' }).screenshot({ path: `${shots}/activity-cancelled.png` });
  });
});
