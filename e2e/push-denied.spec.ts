import { expect, test } from '@playwright/test';
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
    await expect(page.getByRole('log', { name: 'Recent actions as docker commands' })).toContainText('✗ REGISTRY_REFUSED');
    await page.screenshot({ path: `${shots}/push-denied.png` });
  });
});
