import { expect, test } from '@playwright/test';
import { e2eServer } from './fixtures/e2e-server.js';
import { startWebServerProcess } from '../scripts/web-server-process.js';

test('with no engine, the whole window says what is wrong and how to fix it, with Retry', async ({ page }) => {
  // A second Berth server pointed at a socket where no engine answers.
  const server = await startWebServerProcess({ args: ['--docker-host', 'unix:///tmp/berth-e2e-no-engine.sock'] });
  try {
    await page.goto(server.url);
    await expect(page.getByText(/No Docker Engine socket at unix:\/\/\/tmp\/berth-e2e-no-engine\.sock/).first()).toBeVisible();
    await expect(page.getByText(/start the engine/i).first()).toBeVisible();
    await expect(page.getByRole('button', { name: /retry/i })).toBeVisible();
    await page.getByRole('button', { name: /retry/i }).click();
    await expect(page.getByText(/No Docker Engine socket/).first()).toBeVisible();
    await expect(page.getByRole('row', { name: /berth-/ })).toHaveCount(0);
  } finally {
    await server.stop();
  }
});

test('without the token from the printed link, the page says so and shows no engine data', async ({ page }) => {
  await page.goto(`${e2eServer.origin}/`);
  await expect(page.getByText(/token/i).first()).toBeVisible();
  await expect(page.getByRole('row', { name: /berth-/ })).toHaveCount(0);
});
