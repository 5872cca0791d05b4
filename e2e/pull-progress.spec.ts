import { expect, test, type Page } from '@playwright/test';
import { buildRandomLayerImage, pushAndRemoveLocally, removeImagesQuietly } from '../electron/engine/images/testing/random-layer-image.js';
import { startThrottledProxy, type ThrottledProxy } from '../electron/engine/images/testing/throttled-proxy.js';
import { docker, fixtureImage } from './fixtures/docker-cli.js';
import { BerthPage } from './pages/berth-page.js';

// Pulls through a proxy that makes the local registry as slow as a real one across a slow link,
// so the in-progress card (bytes per layer, overall bar) and cancelling mid-download can be seen.

const shots = '/tmp/berth-shots';
const rand = Math.random().toString(36).slice(2, 8);
const repo = `berth-e2e-pp/ui-${rand}`;
const direct = `127.0.0.1:5000/${repo}:1`;
let proxy: ThrottledProxy;
const viaProxy = (): string => `${proxy.address}/${repo}:1`;

/** "1.2MB / 2.4MB", as the card writes a layer's bytes. */
const bytesOfTotal = /Downloading [\d.]+\s?[kMG]?B \/ [\d.]+\s?[kMG]?B/;

async function startPull(page: Page, reference: string): Promise<BerthPage> {
  const berth = new BerthPage(page);
  await berth.open('');
  await berth.showImages();
  await page.getByRole('button', { name: 'Pull…' }).click();
  const form = page.getByRole('form', { name: 'Pull an image' });
  await form.getByLabel('Image reference').fill(reference);
  await form.getByRole('button', { name: 'Pull', exact: true }).click();
  return berth;
}

function imageExists(reference: string): boolean {
  try {
    docker('image', 'inspect', reference);
    return true;
  } catch {
    return false;
  }
}

test.describe('pull progress against a slow registry', () => {
  test.beforeAll(async () => {
    test.setTimeout(120_000);
    proxy = await startThrottledProxy({ targetPort: 5000, bytesPerSecond: 1024 * 1024, latencyMs: 100 });
    // Two layers of random 4 kB files (2.4 MB and 1.6 MB) on the fixture: about 4 s at 1 MiB/s.
    buildRandomLayerImage(direct, fixtureImage, [
      { files: 600, fileBytes: 4096 },
      { files: 400, fileBytes: 4096 },
    ]);
    pushAndRemoveLocally(direct);
  });

  test.afterAll(async () => {
    await proxy?.close();
    removeImagesQuietly([viaProxy(), direct]);
  });

  test('a pull shows each layer downloading with its bytes and the overall bar, then the image is listed', async ({ page }) => {
    const ref = viaProxy();
    const berth = await startPull(page, ref);
    const card = page.getByRole('article', { name: `Pull ${ref}` });
    const overall = card.getByRole('progressbar', { name: `Pull ${ref} overall` });
    const layers = card.getByRole('list', { name: `Layers of ${ref}` }).getByRole('listitem');

    await expect(layers.filter({ hasText: bytesOfTotal }).first()).toBeVisible({ timeout: 20_000 });
    await expect(card).toContainText(/[0-2]\/2 layers · [\d.]+\s?[kMG]?B \/ [\d.]+\s?[kMG]?B · 2 already there · Pulling from /);
    // The bar moves while bytes arrive: partly full, not empty and not done.
    await expect.poll(async () => Number(await overall.getAttribute('aria-valuenow')), { timeout: 20_000 }).toBeGreaterThan(5);
    const midway = Number(await overall.getAttribute('aria-valuenow'));
    expect(midway).toBeLessThan(100);
    await expect(card.getByRole('status')).toHaveText(/^\d+%$/);
    await expect(layers.filter({ hasText: 'Already exists' })).toHaveCount(2);
    await card.screenshot({ path: `${shots}/pull-progress-card.png` });
    await page.screenshot({ path: `${shots}/pull-progress.png` });

    await expect(card.getByRole('status')).toHaveText('Done', { timeout: 30_000 });
    await expect(overall).toHaveAttribute('aria-valuenow', '100');
    await expect(layers.filter({ hasText: 'Complete' })).toHaveCount(2);
    await berth.filterImages(repo);
    await expect(berth.row(ref)).toBeVisible();
    expect(imageExists(ref)).toBe(true);
  });

  test('cancelling in the middle of downloading says so and leaves no image', async ({ page }) => {
    const ref = viaProxy();
    removeImagesQuietly([ref]);
    proxy.setRate(256 * 1024);
    try {
      const berth = await startPull(page, ref);
      const card = page.getByRole('article', { name: `Pull ${ref}` });
      await expect(card.getByRole('listitem').filter({ hasText: bytesOfTotal }).first()).toBeVisible({ timeout: 20_000 });
      await card.getByRole('button', { name: 'Cancel' }).click();
      await expect(card.getByRole('status')).toHaveText('Cancelled');
      await expect(
        card
          .getByRole('listitem')
          .filter({ hasText: /Cancelled at [\d.]+\s?[kMG]?B \/ / })
          .first(),
      ).toBeVisible();
      await expect(card.getByRole('listitem').filter({ hasText: 'Downloading' })).toHaveCount(0);
      await page.screenshot({ path: `${shots}/pull-progress-cancelled.png` });
      // The engine drops its registry connections once Berth's request is gone.
      await expect.poll(() => proxy.openConnections(), { timeout: 10_000 }).toBe(0);
      expect(imageExists(ref)).toBe(false);
      await berth.filterImages(repo);
      await expect(berth.row(ref)).toHaveCount(0);
    } finally {
      proxy.setRate(1024 * 1024);
    }
  });
});
