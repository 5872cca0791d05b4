import { expect, test, type Page } from '@playwright/test';
import { containerState, docker, fixtureImage, fixtureLabel, specContainers } from './fixtures/docker-cli.js';
import { BerthPage } from './pages/berth-page.js';

const shots = process.env.BERTH_SHOTS ?? '/tmp/berth-shots';
const containers = specContainers('berth-e2e-cdl-');

/** Opens a container's detail pane (Logs is its first tab) and returns its log view. */
async function openLogs(page: Page, name: string) {
  const berth = new BerthPage(page);
  await berth.open(name);
  await berth.row(name).getByRole('button', { name, exact: true }).click();
  const pane = page.getByRole('complementary', { name: `Container ${name}` });
  await expect(pane).toBeVisible();
  return { pane, log: pane.getByRole('log', { name: `Logs ${name}` }) };
}

async function waitExited(name: string): Promise<void> {
  await expect.poll(() => containerState(name)).toBe('exited');
}

test.describe('container Logs tab across exits and restarts (real engine)', () => {
  test.afterAll(() => containers.removeAll());

  test('a shell run without -it that printed nothing says it exited, with its code and why', async ({ page }) => {
    const name = containers.name('quiet');
    docker('run', '-d', '--name', name, '--label', fixtureLabel, fixtureImage, 'sh');
    await waitExited(name);
    const { log } = await openLogs(page, name);
    await expect(log).toContainText('Exited with code 0 without printing anything.');
    await expect(log).toContainText('Its command is sh; without -it it exits');
    await expect(log).not.toContainText('No output.');
  });

  test('the stream reattaches when the container starts again; new lines appear under the old ones', async ({ page }) => {
    const name = containers.name('again');
    // Stdout only: the engine does not keep the order of stdout against stderr within a run.
    // Each run prints its number: the file lives in the container's own layer, so it survives the restart.
    const script = 'n=$(cat /runs 2>/dev/null || echo 0); n=$((n+1)); echo $n > /runs; echo "run $n says hello"; echo "run $n says bye"';
    docker('run', '-d', '--name', name, '--label', fixtureLabel, fixtureImage, 'sh', '-c', script);
    await waitExited(name);
    const { pane, log } = await openLogs(page, name);
    await expect(log).toContainText('run 1 says hello');
    await expect(pane).toContainText('stream ended');

    // `--since` takes whole seconds: start in a later second than the first run's last line, as a
    // user at another shell would, so the first run's lines are not read twice.
    const finished = Date.parse(docker('inspect', '--format', '{{.State.FinishedAt}}', name));
    await expect.poll(() => Math.floor(Date.now() / 1000)).toBeGreaterThan(Math.floor(finished / 1000));
    docker('start', name);

    await expect(log).toContainText('run 2 says hello');
    await expect(log.locator('.cd-log-line')).toHaveText([
      'run 1 says hello',
      'run 1 says bye',
      '— restarted —',
      'run 2 says hello',
      'run 2 says bye',
    ]);
    await page.screenshot({ path: `${shots}/logs-restarted.png` });
  });
});
