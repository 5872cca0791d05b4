import { execFileSync } from 'node:child_process';
import { expect, test } from '@playwright/test';
import { runFixture, specContainers } from './fixtures/docker-cli.js';
import { startWebServerProcess } from '../scripts/web-server-process.js';
import { BerthPage } from './pages/berth-page.js';
import { terminalText } from './fixtures/terminal.js';

const shots = process.env.BERTH_SHOTS ?? '/tmp/berth-shots';
const prefix = 'berth-e2e-tx-';

/** The processes whose parent is `pid` (the host shell is a child of the web server). */
function childrenOf(pid: number): string[] {
  try {
    return execFileSync('ps', ['--ppid', String(pid), '-o', 'comm='], { encoding: 'utf8' })
      .split('\n')
      .filter(Boolean);
  } catch {
    return []; // ps exits 1 when there are none
  }
}

test.describe('host shell over the web transport with --allow-host-shell', () => {
  const containers = specContainers(prefix);
  const container = containers.name('host');

  test.beforeAll(() => {
    runFixture(container);
  });

  test.afterAll(() => {
    containers.removeAll();
  });

  test('the host terminal runs docker ps and sees a container; closing the tab ends the shell', async ({ page }) => {
    const server = await startWebServerProcess({ args: ['--allow-host-shell'] });
    try {
      const berth = new BerthPage(page);
      await berth.open(prefix, server.url);
      await page.getByRole('button', { name: 'New terminal' }).click();
      const item = page.getByRole('menuitem', { name: 'Host shell' });
      await expect(item).toHaveAttribute('aria-disabled', 'false');
      await expect(page.getByRole('menu')).toContainText('A shell on the computer Berth runs on');
      await item.click();

      const region = page.getByRole('region', { name: 'Terminal host', exact: true });
      await expect(page.getByRole('tab', { name: /^host: / })).toBeVisible();
      await region.click();
      await expect.poll(() => terminalText(page, 'host'), { timeout: 15_000 }).toMatch(/[#$] ?$/m);
      // Filtered to the one container so its line is on screen however many others run.
      await page.keyboard.type(`clear; docker ps --filter name=${container} --format '{{.Names}}'\n`);
      // Matched as a line of its own: the command line itself also contains the name.
      await expect.poll(() => terminalText(page, 'host'), { timeout: 15_000 }).toMatch(new RegExp(`^${container}$`, 'm'));
      await page.screenshot({ path: `${shots}/term-host-shell.png` });

      expect(childrenOf(server.pid).length).toBeGreaterThan(0);
      await page.getByRole('button', { name: /^Close terminal host: / }).click();
      await expect(page.getByRole('tab')).toHaveCount(0);
      // The shell (a child of the server) is gone once its tab closed.
      await expect.poll(() => childrenOf(server.pid), { timeout: 10_000 }).toEqual([]);
    } finally {
      await server.stop();
    }
  });
});
