import { expect, test } from '@playwright/test';
import { removeImagesQuietly } from '../electron/engine/images/testing/random-layer-image.js';
import { docker } from './fixtures/docker-cli.js';
import { slowRegistryImage, startPull } from './fixtures/slow-registry.js';

// Pulls through a proxy that makes the local registry as slow as a real one across a slow link,
// so the in-progress card (bytes per layer, overall bar) and cancelling mid-download can be seen.

const shots = '/tmp/berth-shots';
/** "1.2MB / 2.4MB", as the card writes a layer's bytes. */
const bytesOfTotal = /Downloading [\d.]+\s?[kMG]?B \/ [\d.]+\s?[kMG]?B/;

function imageExists(reference: string): boolean {
  try {
    docker('image', 'inspect', reference);
    return true;
  } catch {
    return false;
  }
}

test.describe('pull progress against a slow registry', () => {
  // Two layers of random 4 kB files (2.4 MB and 1.6 MB) on the fixture: about 4 s at 1 MiB/s.
  const slowImage = slowRegistryImage('berth-e2e-pp/ui', {
    bytesPerSecond: 1024 * 1024,
    layers: [
      { files: 600, fileBytes: 4096 },
      { files: 400, fileBytes: 4096 },
    ],
  });
  const { repo } = slowImage;

  test('a pull shows each layer downloading with its bytes and the overall bar, then the image is listed', async ({ page }) => {
    const ref = slowImage.viaProxy();
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
    const ref = slowImage.viaProxy();
    removeImagesQuietly([ref]);
    slowImage.proxy().setRate(256 * 1024);
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
      await expect.poll(() => slowImage.proxy().openConnections(), { timeout: 10_000 }).toBe(0);
      expect(imageExists(ref)).toBe(false);
      await berth.filterImages(repo);
      await expect(berth.row(ref)).toHaveCount(0);
    } finally {
      slowImage.proxy().setRate(1024 * 1024);
    }
  });
});
