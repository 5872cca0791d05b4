import { expect, test } from '@playwright/test';
import { docker, fixtureImage, fixtureLabel } from './fixtures/docker-cli.js';
import { BerthPage } from './pages/berth-page.js';

const shots = '/tmp/berth-shots';
// Not berth-e2e-: other specs sweep that prefix while this one runs.
const name = `berth-h6-events-${Math.random().toString(36).slice(2, 7)}`;

test.describe('the events timeline against the real engine', () => {
  test.afterAll(() => {
    try {
      docker('rm', '-f', name);
    } catch {
      // Already gone.
    }
  });

  test('shows a CLI docker start as it happens, a die with its exit code, filters with its docker events twin, links to the object', async ({
    page,
  }) => {
    docker('create', '--name', name, '--label', fixtureLabel, fixtureImage, 'sh', '-c', 'sleep 1; exit 3');
    await new BerthPage(page).open('');
    await page.getByRole('link', { name: /^Events/ }).click();
    await expect(page.getByRole('heading', { name: 'Events', level: 1 })).toBeVisible();
    const table = page.getByRole('grid', { name: 'Engine events, newest first' });

    // Narrowed to containers and start: the twin says so.
    await page
      .getByRole('group', { name: 'Object type' })
      .getByRole('button', { name: /^container/ })
      .click();
    await expect(page.getByLabel('Equivalent command')).toContainText('docker events --filter type=container');

    // A docker start typed in another terminal: its row appears. How soon is recorded, not asserted
    // (timings belong in the bench; a loaded CI machine is no measure of it).
    docker('start', name);
    const startedAt = Date.now();
    await expect(table.getByRole('row', { name: `container start ${name}` })).toBeVisible();
    test.info().annotations.push({ type: 'cli-start-to-row-ms', description: String(Date.now() - startedAt) });

    // The process exits 3: the die row carries the code.
    const die = table.getByRole('row', { name: `container die ${name}` });
    await expect(die).toContainText('exit code 3');

    await page.getByRole('group', { name: 'Action' }).getByRole('button', { name: /^die/ }).click();
    await expect(page.getByLabel('Equivalent command')).toContainText('docker events --filter type=container --filter event=die');
    await expect(table.getByRole('row', { name: `container start ${name}` })).toHaveCount(0);
    await expect(die).toBeVisible();
    await page.screenshot({ path: `${shots}/events-timeline.png` });

    // Only this object: its ID in the twin.
    await die.getByRole('button', { name: `Only events of container ${name}` }).click();
    await expect(page.getByLabel('Equivalent command')).toContainText('--filter container=');

    // The object links to its view.
    await die.getByRole('link', { name }).click();
    await expect(page.getByRole('heading', { name: 'Containers', level: 1 })).toBeVisible();
    await expect(page.getByLabel('Filter containers')).toHaveValue(name);
  });
});
