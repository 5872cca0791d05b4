import { expect, test, type Locator, type Page } from '@playwright/test';
import { docker, fixtureImage, fixtureLabel } from './fixtures/docker-cli.js';
import { BerthPage } from './pages/berth-page.js';

const shots = process.env.BERTH_SHOTS ?? '/tmp/berth-shots';
const name = `berth-e2e-lf-${Math.random().toString(36).slice(2, 7)}`;

/** ~20,000 numbered lines a second, every 10th coloured, every 50th to stderr. */
const flood = `BEGIN { n = 0; while (1) { for (i = 0; i < 1000; i++) { n++;
  if (n % 50 == 0) printf "L%d to stderr\\n", n > "/dev/stderr";
  else if (n % 10 == 0) printf "\\033[32mL%d green\\033[0m then plain\\n", n;
  else printf "L%d plain line of the flood, padded to the length of a typical driver message\\n", n }
  fflush(); system("usleep 50000") } }`;

const lastShown = async (log: Locator): Promise<number> => {
  const texts = await log.locator('.cd-log-line').allTextContents();
  const numbers = texts.map((t) => Number(/^L(\d+) /.exec(t)?.[1] ?? 0));
  return Math.max(0, ...numbers);
};

/** Opens the flooding container's detail pane and waits for its first log line. */
async function openLogs(page: Page): Promise<{ pane: Locator; log: Locator }> {
  const berth = new BerthPage(page);
  await berth.open(name);
  await berth.row(name).getByRole('button', { name, exact: true }).click();
  const pane = page.getByRole('complementary', { name: `Container ${name}` });
  const log = pane.getByRole('log', { name: `Logs ${name}` });
  await expect(log.locator('.cd-log-line').first()).toBeVisible();
  return { pane, log };
}

test.describe('the Logs tab under a flood (real engine)', () => {
  test.afterAll(() => {
    docker('rm', '-f', name);
  });

  test('follows a 20,000 lines/s container, keeps at most 50,000 lines and stays responsive', async ({ page }) => {
    docker('run', '-d', '--name', name, '--label', fixtureLabel, '--stop-timeout', '1', fixtureImage, 'awk', flood);
    const { pane, log } = await openLogs(page);

    // Following: the newest line on screen keeps moving.
    const before = await lastShown(log);
    await expect.poll(() => lastShown(log), { timeout: 5_000 }).toBeGreaterThan(before + 5_000);
    await expect(log.locator('.cd-log-line--stdout span[style*="color"]').first()).toBeVisible();

    // Bounded: past 50,000 lines the oldest go, and the footer says so.
    const foot = pane.getByText(/lines \(oldest [\d,]+ dropped, at most 50,000 kept\)/);
    await expect(foot).toBeVisible({ timeout: 30_000 });
    const shownCount = Number((/^([\d,]+) lines/.exec((await foot.textContent()) ?? '')?.[1] ?? '').replace(/,/g, ''));
    expect(shownCount).toBeLessThanOrEqual(50_000);
    await page.screenshot({ path: `${shots}/logs-flood.png` });

    // Responsive: another tab answers a click during the flood, and Logs comes back following.
    // How long the click takes is measured by `npm run bench` (bench/log-flood.ts, click to effect).
    await pane.getByRole('tab', { name: 'Stats', exact: true }).click();
    await expect(pane.getByRole('tab', { name: 'Stats', exact: true })).toHaveAttribute('aria-selected', 'true');
    await expect(pane.getByRole('tabpanel')).not.toContainText('L1');
    await pane.getByRole('tab', { name: 'Logs', exact: true }).click();
    await expect(log.locator('.cd-log-line').first()).toBeVisible();
    const afterReturn = await lastShown(log);
    await expect.poll(() => lastShown(log), { timeout: 5_000 }).toBeGreaterThan(afterReturn);
  });

  test('a page that stalls during a flood is brought back to the tail, told how many lines it missed', async ({ page }) => {
    const { pane, log } = await openLogs(page);
    // Block the page for 6 s (more than 2 MiB of output): it draws nothing and acknowledges nothing meanwhile.
    await page.evaluate(() => {
      const end = Date.now() + 6000;
      while (Date.now() < end) {
        // stall
      }
    });
    await expect(pane.getByText(/[\d,]+ skipped to keep up/)).toBeVisible({ timeout: 10_000 });
    // Back at the tail: the newest line shown is close to what the container wrote last.
    const newest = Number(/L(\d+)/.exec(docker('logs', '--tail', '1', name))?.[1] ?? 0);
    await expect.poll(() => lastShown(log), { timeout: 5_000 }).toBeGreaterThan(newest - 20_000);
    await log.evaluate((el) => (el.scrollTop = el.scrollHeight - el.clientHeight - 18 * 3));
    const marker = log.locator('.cd-log-line--skipped');
    if (await marker.count()) await marker.first().scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${shots}/logs-flood-skipped.png` });
  });
});
