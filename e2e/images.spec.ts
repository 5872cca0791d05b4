import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { docker, fixtureImage } from './fixtures/docker-cli.js';
import { BerthPage } from './pages/berth-page.js';

/** Builds the same tag twice with different content: the first image is left dangling. */
function makeDanglingImage(): string {
  const dir = mkdtempSync(join(tmpdir(), 'berth-e2e-'));
  const tag = 'berth-e2e/dangling:latest';
  writeFileSync(join(dir, 'Dockerfile'), `FROM ${fixtureImage}\nLABEL berth.test-fixture=true berth.e2e.nonce=${Date.now()}-a\n`);
  const first = docker('build', '-q', '-t', tag, dir);
  writeFileSync(join(dir, 'Dockerfile'), `FROM ${fixtureImage}\nLABEL berth.test-fixture=true berth.e2e.nonce=${Date.now()}-b\n`);
  docker('build', '-q', '-t', tag, dir);
  return first.replace(/^sha256:/, '').slice(0, 12);
}

test.describe('images view against the real engine', () => {
  let danglingId = '';
  test.beforeAll(() => {
    danglingId = makeDanglingImage();
  });
  test.afterAll(() => {
    try {
      docker('rmi', '-f', 'berth-e2e/dangling:latest', danglingId);
    } catch {
      // already gone
    }
  });

  test('lists repository, tag, short ID, created and size like docker images, dangling as <none>', async ({ page }) => {
    const berth = new BerthPage(page);
    await berth.open();
    await berth.showImages();
    await berth.filterImages('');
    const fixture = berth.row(fixtureImage);
    await expect(fixture).toBeVisible();
    const shortId = docker('image', 'inspect', '--format', '{{.Id}}', fixtureImage).replace('sha256:', '').slice(0, 12);
    await expect(fixture).toContainText('berth-fixture/busybox');
    await expect(fixture).toContainText('latest');
    await expect(fixture).toContainText(shortId);
    await expect(fixture).toContainText(/\d(\.\d+)?\s?(kB|MB)/);

    const dangling = page.getByRole('row').filter({ hasText: danglingId });
    await expect(dangling).toHaveCount(1);
    await expect(dangling).toContainText('<none>');
  });
});
