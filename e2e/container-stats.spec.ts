import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect, test, type Page } from '@playwright/test';
import { docker, fixtureImage, fixtureLabel, specContainers } from './fixtures/docker-cli.js';
import { BerthPage } from './pages/berth-page.js';

const run = promisify(execFile);
const containers = specContainers('berth-stats-e2e-');

/** The containers the server follows for this page's table, as it last said (window.__berthContainerStats). */
function watching(page: Page): Promise<readonly string[]> {
  return page.evaluate(() => window.__berthContainerStats?.watching() ?? []);
}

/** A container that only sleeps, started by the docker CLI; its full ID. */
async function runSleeper(name: string): Promise<string> {
  const { stdout } = await run('docker', ['run', '-d', '--name', name, '--label', fixtureLabel, fixtureImage, 'sleep', '3600']);
  return stdout.trim();
}

test.describe('CPU and memory of the running containers on screen', () => {
  test.afterAll(() => containers.removeAll());

  test('a running container’s row shows its CPU and memory; once stopped, a dash and no stream', async ({ page }) => {
    const name = containers.name('one');
    const id = await runSleeper(name);
    const berth = new BerthPage(page);
    await berth.open(name);
    const stats = berth.row(name).getByRole('group', { name: /^CPU .*, memory / });
    await expect(stats).toBeVisible();
    await expect(stats).toHaveAccessibleName(/^CPU \d+\.\d %, memory \d+(\.\d+)?[kMG]?B$/);
    await expect(stats.locator('[data-stat="memory"]')).toHaveText(/^\d+(\.\d+)?[kMG]?B$/);
    expect(await watching(page)).toEqual([id]);

    docker('stop', '-t', '0', name);
    await berth.expectRowState(name, /exited/i);
    await expect(stats).toHaveCount(0);
    await expect.poll(() => watching(page)).toEqual([]);
  });

  test('rows scrolled off screen have no stats stream; scrolling brings theirs in and ends the others', async ({ page }) => {
    // Making 24 containers takes a while on a busy engine.
    test.setTimeout(180_000);
    const names = Array.from({ length: 24 }, (_, i) => containers.name(`scroll${String(i).padStart(2, '0')}`));
    const ids = new Map<string, string>();
    for (let i = 0; i < names.length; i += 6) {
      await Promise.all(names.slice(i, i + 6).map(async (n) => ids.set(n, await runSleeper(n))));
    }
    const berth = new BerthPage(page);
    await berth.open('berth-stats-e2e-scroll');
    const table = page.getByRole('grid', { name: 'Containers' });
    await expect(table).toHaveAttribute('aria-rowcount', String(names.length + 1));
    const firstRow = table.getByRole('row').nth(1);
    await expect(firstRow.getByRole('group', { name: /^CPU / })).toBeVisible();
    const firstId = ids.get((await firstRow.getAttribute('aria-label'))!);
    await expect.poll(() => watching(page)).toContain(firstId);
    const before = await watching(page);
    // Only the running rows on screen: ours (the list is filtered), and fewer than the list holds.
    expect(before.every((id) => [...ids.values()].includes(id))).toBe(true);
    expect(before.length).toBeLessThan(names.length);

    await page.locator('.vt-body').evaluate((body) => body.scrollTo({ top: body.scrollHeight }));
    const lastRow = table.getByRole('row').last();
    await expect(lastRow.getByRole('group', { name: /^CPU / })).toBeVisible({ timeout: 20_000 });
    const lastId = ids.get((await lastRow.getAttribute('aria-label'))!);
    expect(lastId).toBeDefined();
    expect(before).not.toContain(lastId);
    await expect.poll(() => watching(page)).toContain(lastId);
    expect(await watching(page)).not.toContain(firstId);
  });
});
