import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { startWebServerProcess, type WebServerProcess } from '../scripts/web-server-process.js';

// An engine spoken to in an older API version (DOCKER_API_VERSION=1.24, as the docker CLI takes it):
// what that API lacks is turned off, each place saying why.
let server: WebServerProcess;
let dir: string;

test.beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'berth-e2e-h2api-'));
  server = await startWebServerProcess({
    args: ['--engines-file', path.join(dir, 'engines.json')],
    env: { ...process.env, DOCKER_API_VERSION: '1.24' },
    ...(process.env.BERTH_E2E_DIST ? { dist: process.env.BERTH_E2E_DIST } : {}),
  });
});

test.afterAll(async () => {
  await server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('an engine on API 1.24: the fleet card lists what it lacks and the run form’s GPU choice is off with the reason', async ({ page }) => {
  const gpuReason = 'This engine speaks Docker API 1.24; GPU requests (docker run --gpus) needs API 1.40 or newer.';
  await page.goto(server.url);
  await page.getByRole('link', { name: /^Engines/ }).click();
  const card = page.getByRole('listitem', { name: 'Engine This machine' });
  await expect(card.getByRole('status')).toHaveText('connected');
  await expect(card).toContainText('Off on this engine (API 1.24)');
  await expect(card.getByRole('list', { name: 'Features this engine lacks' })).toContainText(gpuReason);
  await page.screenshot({ path: 'artifacts/engines-older-api.png' });

  await page.getByRole('link', { name: /^Containers/ }).click();
  await page
    .getByRole('button', { name: /Run container/ })
    .first()
    .click();
  const gpus = page.getByLabel('GPUs', { exact: true });
  await expect(gpus).toBeDisabled();
  await expect(gpus).toHaveAccessibleDescription(gpuReason);
});

test('an engine on API 1.24: volume sizes and image prune are off, each saying why', async ({ page }) => {
  await page.goto(server.url);
  await page.getByRole('link', { name: /^Volumes/ }).click();
  const measure = page.getByRole('button', { name: 'Measure sizes' });
  await expect(measure).toBeDisabled();
  await expect(measure).toHaveAccessibleDescription(
    'This engine speaks Docker API 1.24; volume sizes (docker system df) needs API 1.25 or newer.',
  );

  await page.getByRole('link', { name: /^Images/ }).click();
  await page.getByRole('button', { name: 'Prune…' }).click();
  const panel = page.getByRole('region', { name: 'Prune dangling images' });
  await expect(panel).toContainText('This engine speaks Docker API 1.24; image prune (docker image prune) needs API 1.25 or newer.');
  await page.screenshot({ path: 'artifacts/engines-older-api-prune.png' });
});
