import { expect, test, type Page } from '@playwright/test';
import { containerState, docker, e2eName, fixtureImage, fixtureLabel, removeE2eContainers, runFixture } from './fixtures/docker-cli.js';
import { BerthPage } from './pages/berth-page.js';

/** A tag of this run's own: another run removing its committed image leaves this one. */
const commitTag = Math.random().toString(36).slice(2, 7);
const committed = `berth-e2e/committed:${commitTag}`;
const shots = process.env.BERTH_SHOTS ?? '/tmp/berth-shots';

/** Opens Berth filtered to one container and opens its detail pane by clicking its name. */
async function openDetail(page: Page, name: string) {
  const berth = new BerthPage(page);
  await berth.open(name);
  const row = berth.row(name);
  await row.getByRole('button', { name, exact: true }).click();
  const pane = page.getByRole('complementary', { name: `Container ${name}` });
  await expect(pane).toBeVisible();
  return { berth, row, pane };
}

/**
 * The snapshot images this spec's "Commit, then remove" made. Only these are removed afterwards:
 * every `berth-e2e-*-snapshot` would include another run's, taken from under its test.
 */
const snapshots: string[] = [];

function removeImages(): void {
  for (const ref of [committed, ...snapshots]) {
    try {
      docker('rmi', '-f', ref);
    } catch {
      // not there
    }
  }
}

test.describe('container detail against the real engine', () => {
  test.afterAll(() => {
    removeE2eContainers();
    removeImages();
  });

  test('Logs show stdout and stderr apart, following new output', async ({ page }) => {
    const name = e2eName('logs');
    docker(
      'run',
      '-d',
      '--name',
      name,
      '--label',
      fixtureLabel,
      '--stop-timeout',
      '1',
      fixtureImage,
      'sh',
      '-c',
      "echo out; echo err >&2; printf '\\033[32mgreen\\033[0m \\033]52;c;aGk=\\007clip\\n'; while true; do sleep 1; done",
    );
    const { pane } = await openDetail(page, name);
    const log = pane.getByRole('log', { name: `Logs ${name}` });
    await expect(log).toContainText('out');
    await expect(log.locator('.cd-log-line--stderr')).toHaveText('err');
    await expect(log.locator('.cd-log-line--stdout').filter({ hasText: 'out' })).toHaveCount(1);
    await expect(log).toContainText('green clip');
    await expect(log).not.toContainText('52;');
    docker('exec', name, 'sh', '-c', 'echo later > /proc/1/fd/1');
    await expect(log).toContainText('later');
    await pane.getByRole('searchbox', { name: 'Search logs' }).fill('e');
    await expect(pane.getByText(/\d+ match/)).toBeVisible();
    await page.screenshot({ path: `${shots}/detail-logs.png` });
  });

  test('pause from the lifecycle diagram, unpause from the header', async ({ page }) => {
    const name = e2eName('pause');
    runFixture(name);
    const { berth, pane } = await openDetail(page, name);
    await expect(pane.getByRole('button', { name: 'Unpause', exact: true })).toBeDisabled();
    // Closed where it would squeeze the logs: its toggle opens it.
    await pane.getByRole('button', { name: /^Lifecycle/, expanded: false }).click();
    await expect(pane.getByRole('button', { name: /^Lifecycle/, expanded: true })).toBeVisible();
    await expect(pane.getByRole('button', { name: 'start (created → running)' })).toHaveCount(0);
    await pane.getByRole('button', { name: 'pause (running → paused)' }).click();
    await berth.expectRowState(name, /paused/i);
    await expect(pane.locator('.badge')).toContainText(/paused/i);
    expect(containerState(name)).toBe('paused');
    await expect(pane.getByRole('button', { name: 'Pause', exact: true })).toBeDisabled();
    await expect(pane.getByRole('button', { name: 'unpause (paused → running)' })).toBeVisible();
    await page.screenshot({ path: `${shots}/detail-paused.png` });
    await pane.getByRole('button', { name: 'Unpause', exact: true }).click();
    await berth.expectRowState(name, /running/i);
    expect(containerState(name)).toBe('running');
  });

  test('at 1280×800 the lifecycle diagram starts closed, leaving the logs room; open, its labels are readable', async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    const name = e2eName('diagram');
    runFixture(name);
    const { pane } = await openDetail(page, name);
    const toggle = pane.getByRole('button', { name: /^Lifecycle/ });
    await expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await expect(pane.getByRole('group', { name: 'Lifecycle' })).toHaveCount(0);
    const logHeight = async () => (await pane.getByRole('log', { name: `Logs ${name}` }).boundingBox())!.height;
    // Open, the diagram left about 150 px for logs; closed, the logs get the room (about 220 px in the
    // 380 px pane that keeps the list's name, image and state beside it at 1280 wide).
    expect(await logHeight()).toBeGreaterThan(200);

    await toggle.click();
    const diagram = pane.getByRole('group', { name: 'Lifecycle' });
    await expect(diagram).toBeVisible();
    // Drawn at its natural size: each label's rendered height is its font size, at least 11 px.
    const sizes = await diagram
      .locator('text')
      .evaluateAll((texts) =>
        texts.map((t) => ({ font: parseFloat(getComputedStyle(t).fontSize), rendered: t.getBoundingClientRect().height })),
      );
    expect(sizes.length).toBeGreaterThan(10);
    for (const s of sizes) {
      expect(s.font).toBeGreaterThanOrEqual(11);
      expect(s.rendered).toBeGreaterThanOrEqual(11);
    }
    await page.screenshot({ path: `${shots}/detail-lifecycle-open.png` });
    // The choice is kept for the next container shown.
    await toggle.click();
    await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  });

  test('the writable layer: touch /hello, see it in Changes, commit it, run the new image', async ({ page }) => {
    const name = e2eName('story');
    runFixture(name);
    docker('exec', name, 'touch', '/hello');
    const { pane } = await openDetail(page, name);
    await pane.getByRole('tab', { name: 'Changes' }).click();
    const tree = pane.getByRole('list', { name: 'Changed paths' });
    await expect(tree.locator('.cd-change--added').filter({ hasText: 'hello' })).toBeVisible();
    await expect(pane.getByText(/writable layer/).first()).toBeVisible();
    await page.screenshot({ path: `${shots}/detail-changes.png` });

    await pane.getByRole('button', { name: 'Commit…' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Repository').fill('berth-e2e/committed');
    await dialog.getByLabel('Tag').fill(commitTag);
    await expect(dialog.getByText(`docker commit ${name} ${committed}`)).toBeVisible();
    await dialog.getByRole('button', { name: 'Commit', exact: true }).click();
    await expect(dialog.getByRole('status')).toContainText(/sha256:[0-9a-f]{12,}/);
    await page.screenshot({ path: `${shots}/detail-commit.png` });
    await dialog.getByRole('button', { name: 'Close' }).click();
    expect(docker('run', '--rm', committed, 'ls', '/hello')).toBe('/hello');
  });

  test('commit shows the engine’s reason for a bad repository', async ({ page }) => {
    const name = e2eName('badcommit');
    runFixture(name);
    const { pane } = await openDetail(page, name);
    await pane.getByRole('button', { name: 'Commit…' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Repository').fill('Bad Name');
    await dialog.getByRole('button', { name: 'Commit', exact: true }).click();
    await expect(dialog.getByRole('alert')).toBeVisible();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
  });

  test('removing a changed container lists its changes and offers Commit, then remove', async ({ page }) => {
    const name = e2eName('changed');
    runFixture(name);
    docker('exec', name, 'sh', '-c', 'touch /hello && mkdir -p /data && echo x > /data/file');
    docker('stop', '-t', '0', name);
    const berth = new BerthPage(page);
    await berth.open(name);
    await berth.expectRowState(name, /exited/i);
    await berth.button(berth.row(name), 'Remove').click();
    const dialog = page.getByRole('dialog');
    const changes = dialog.getByRole('list', { name: 'Changes that would be lost' });
    await expect(changes).toContainText('/hello');
    await expect(changes).toContainText('/data/file');
    await expect(dialog.getByRole('button', { name: 'Commit, then remove' })).toBeVisible();
    await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeVisible();
    await page.screenshot({ path: `${shots}/detail-remove-changes.png` });
    snapshots.push(`${name}-snapshot:latest`);
    await dialog.getByRole('button', { name: 'Commit, then remove' }).click();
    await expect(berth.row(name)).toHaveCount(0);
    expect(docker('run', '--rm', `${name}-snapshot:latest`, 'cat', '/data/file')).toBe('x');
  });

  test('Stats shows memory and PIDs; Inspect summary and searchable JSON; Processes with Refresh', async ({ page }) => {
    const name = e2eName('stats');
    runFixture(name);
    const { pane } = await openDetail(page, name);
    await pane.getByRole('tab', { name: 'Stats' }).click();
    const memory = pane.getByRole('region', { name: 'Memory' });
    await expect(memory).toContainText(/\d+(\.\d+)?\s*[KMG]?i?B/);
    await expect(pane.getByRole('region', { name: 'PIDs' })).toContainText(/\d/);
    await page.screenshot({ path: `${shots}/detail-stats.png` });

    await pane.getByRole('tab', { name: 'Inspect' }).click();
    await expect(pane.getByText(fixtureImage).first()).toBeVisible();
    await pane.getByRole('button', { name: 'Show full JSON' }).click();
    await pane.getByRole('searchbox', { name: 'Search inspect JSON' }).fill('berth.test-fixture');
    await expect(pane.locator('pre.cd-json')).toContainText('berth.test-fixture');
    await page.screenshot({ path: `${shots}/detail-inspect.png` });

    await pane.getByRole('tab', { name: 'Processes' }).click();
    await expect(pane.getByRole('table', { name: `Processes ${name}` })).toContainText('sleep');
    await pane.getByRole('button', { name: 'Refresh' }).click();
    await expect(pane.getByRole('table', { name: `Processes ${name}` })).toContainText('while true');
  });

  test('rename inline shows the engine’s error; kill asks for a signal', async ({ page }) => {
    const name = e2eName('rename');
    const other = e2eName('taken');
    runFixture(name);
    docker('create', '--name', other, '--label', fixtureLabel, fixtureImage);
    const { berth, pane } = await openDetail(page, name);
    await pane.getByRole('button', { name: 'Rename' }).click();
    await pane.getByLabel('New name').fill(other);
    await pane.getByRole('button', { name: 'Save name' }).click();
    await expect(pane.getByRole('alert')).toContainText(/already in use|conflict/i);
    const renamed = `${name}-new`;
    await pane.getByLabel('New name').fill(renamed);
    await pane.getByRole('button', { name: 'Save name' }).click();
    await expect(page.getByRole('complementary', { name: `Container ${renamed}` })).toBeVisible();
    expect(containerState(renamed)).toBe('running');

    const renamedPane = page.getByRole('complementary', { name: `Container ${renamed}` });
    await renamedPane.getByRole('button', { name: 'Kill…' }).click();
    await expect(renamedPane.getByLabel('Signal')).toHaveValue('SIGKILL');
    await renamedPane.getByRole('button', { name: 'Send SIGKILL' }).click();
    await berth.open(renamed);
    await berth.expectRowState(renamed, /exited/i);
  });

  test('Compose projects are grouped; bulk stop and remove ask once', async ({ page }) => {
    const project = e2eName('proj');
    const a = `${project}-a`;
    const b = `${project}-b`;
    for (const n of [a, b]) runFixture(n, '--label', `com.docker.compose.project=${project}`);
    const berth = new BerthPage(page);
    await berth.open(project);
    const header = page.getByRole('row', { name: `Compose project ${project}` });
    await expect(header).toBeVisible();
    await expect(header).toContainText('2/2 running');
    await page.screenshot({ path: `${shots}/detail-compose.png` });
    await header.getByRole('button', { name: `Collapse project ${project}` }).click();
    await expect(berth.row(a)).toHaveCount(0);
    await header.getByRole('button', { name: `Expand project ${project}` }).click();
    await expect(berth.row(a)).toBeVisible();
    await header.getByRole('button', { name: `Stop all in ${project}` }).click();
    await berth.expectRowState(a, /exited/i);
    await berth.expectRowState(b, /exited/i);

    await page.getByRole('checkbox', { name: `Select ${a}` }).check();
    await page.getByRole('checkbox', { name: `Select ${b}` }).check();
    await page.getByRole('button', { name: 'Remove selected' }).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog.getByRole('list', { name: 'Containers to remove' })).toContainText(a);
    await expect(dialog.getByRole('list', { name: 'Containers to remove' })).toContainText(b);
    await page.screenshot({ path: `${shots}/detail-bulk-remove.png` });
    await dialog.getByRole('button', { name: 'Remove', exact: true }).click();
    await expect(berth.row(a)).toHaveCount(0);
    await expect(berth.row(b)).toHaveCount(0);
  });
});
