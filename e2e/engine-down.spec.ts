import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { expect, test } from '@playwright/test';
import { e2eServer } from './fixtures/e2e-server.js';

/** A second Berth server pointed at a socket where no engine answers. */
async function startServerWithoutEngine(): Promise<{ url: string; proc: ChildProcess }> {
  const proc = spawn('node', ['dist/electron/web.cjs', '--port', '0', '--docker-host', 'unix:///tmp/berth-e2e-no-engine.sock'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  const deadline = Date.now() + 15_000;
  while (!/Berth is running at (\S+)/.test(out)) {
    if (Date.now() > deadline) throw new Error(`server did not start: ${out}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return { url: /Berth is running at (\S+)/.exec(out)![1]!, proc };
}

test('with no engine, the whole window says what is wrong and how to fix it, with Retry', async ({ page }) => {
  const server = await startServerWithoutEngine();
  try {
    await page.goto(server.url);
    await expect(page.getByText(/No Docker Engine socket at unix:\/\/\/tmp\/berth-e2e-no-engine\.sock/).first()).toBeVisible();
    await expect(page.getByText(/start the engine/i).first()).toBeVisible();
    await expect(page.getByRole('button', { name: /retry/i })).toBeVisible();
    await page.getByRole('button', { name: /retry/i }).click();
    await expect(page.getByText(/No Docker Engine socket/).first()).toBeVisible();
    await expect(page.getByRole('row', { name: /berth-/ })).toHaveCount(0);
  } finally {
    server.proc.kill('SIGTERM');
    await once(server.proc, 'exit');
  }
});

test('without the token from the printed link, the page says so and shows no engine data', async ({ page }) => {
  await page.goto(`${e2eServer.origin}/`);
  await expect(page.getByText(/token/i).first()).toBeVisible();
  await expect(page.getByRole('row', { name: /berth-/ })).toHaveCount(0);
});
