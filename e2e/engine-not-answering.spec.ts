import { expect, test } from '@playwright/test';
import { startWebServerProcess } from '../scripts/web-server-process.js';
import { EngineSocketProxy } from '../electron/test-support/socket-proxy.js';

test('an engine that stops answering is shown as not answering (not a green dot and "Loading containers…"), and a ping brings it back', async ({
  page,
}) => {
  const socketPath = `/tmp/berth-e2e-black-hole-${process.pid}.sock`;
  const proxy = new EngineSocketProxy(socketPath);
  await proxy.start();
  // A second Berth server reaching the real engine through a proxy that can go silent; 3 s budget.
  const server = await startWebServerProcess({
    args: ['--docker-host', `unix://${socketPath}`],
    env: { ...process.env, BERTH_ENGINE_TIMEOUT_S: '3' },
  });
  try {
    await page.goto(server.url);
    const badge = page.getByRole('status', { name: /^Engine:/ });
    await expect(badge).toContainText(/Docker \d/);
    await expect(page.getByRole('heading', { name: 'Containers' })).toBeVisible();
    await expect(page.getByText('Loading containers…')).toHaveCount(0);

    // The engine goes silent. A fresh page gets its lists from the server's memory, so the server
    // pings the engine when the page subscribes; the ping gets no answer within its budget. The
    // page names the first request that went unanswered: the ping on a quiet machine, but under
    // load the server's own reads (an image inspect, the container list) may still be in flight
    // when the proxy goes silent, and one of those is then the first to time out.
    proxy.blackHole();
    await page.reload();
    await expect(page.getByRole('heading', { name: 'Docker Engine not answering' })).toBeVisible({ timeout: 20_000 });
    const socketUrl = `unix://${socketPath}`.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    await expect(
      page.getByText(
        new RegExp(`^The Docker Engine at ${socketUrl} accepted the connection but did not answer [A-Z]+ /\\S+ within \\d+ s`),
      ),
    ).toBeVisible();
    await expect(page.getByText(`docker -H unix://${socketPath} info`)).toBeVisible();
    await expect(badge).toContainText('Engine not answering');
    await expect(badge).not.toContainText(/Docker \d/);
    await expect(page.getByText('Loading containers…')).toHaveCount(0);
    await page.screenshot({ path: 'test-results/engine-not-answering.png' });

    // The engine answers again: Berth's own ping notices, the list loads, the dot turns green.
    proxy.answer();
    await expect(badge).toContainText(/Docker \d/);
    await expect(page.getByRole('heading', { name: 'Containers' })).toBeVisible();
    await expect(page.getByText(/\d+ running · \d+ total/)).toBeVisible();
    await expect(page.getByText('Loading containers…')).toHaveCount(0);
  } finally {
    await server.stop();
    await proxy.stop();
  }
});
