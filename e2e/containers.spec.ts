import { expect, test } from '@playwright/test';
import { containerState, docker, e2eName, fixtureImage, fixtureLabel, removeE2eContainers, runFixture } from './fixtures/docker-cli.js';
import { BerthPage } from './pages/berth-page.js';

test.describe('containers view against the real engine', () => {
  test.afterAll(() => removeE2eContainers());

  test('shows containers in every state with their exit codes', async ({ page }) => {
    const running = e2eName('running');
    const created = e2eName('created');
    const exited = e2eName('exited');
    const paused = e2eName('paused');
    runFixture(running);
    docker('create', '--name', created, '--label', fixtureLabel, fixtureImage);
    docker('create', '--name', exited, '--label', fixtureLabel, fixtureImage, 'sh', '-c', 'exit 3');
    docker('start', exited);
    docker('wait', exited);
    runFixture(paused);
    docker('pause', paused);

    const berth = new BerthPage(page);
    await berth.open();
    await berth.expectRowState(running, /running/i);
    await berth.expectRowState(created, /created/i);
    await berth.expectRowState(exited, /exited/i);
    await expect(berth.row(exited)).toContainText('3');
    await berth.expectRowState(paused, /paused/i);
    await expect(berth.row(running)).toContainText(fixtureImage);
    await expect(berth.button(berth.row(running), 'Stop')).toBeEnabled();
    await expect(berth.button(berth.row(running), 'Open shell')).toBeEnabled();
    await expect(berth.button(berth.row(exited), 'Start')).toBeEnabled();
    await expect(berth.button(berth.row(exited), 'Open shell')).toBeDisabled();
    docker('unpause', paused);
  });

  test('Stop, Start and Restart act on the engine and the row follows', async ({ page }) => {
    const name = e2eName('cycle');
    runFixture(name);
    const berth = new BerthPage(page);
    await berth.open();
    const row = berth.row(name);
    await berth.expectRowState(name, /running/i);

    await berth.button(row, 'Stop').click();
    await berth.expectRowState(name, /exited/i);
    expect(containerState(name)).toBe('exited');

    await berth.button(row, 'Start').click();
    await berth.expectRowState(name, /running/i);
    expect(containerState(name)).toBe('running');

    const startedBefore = docker('inspect', '--format', '{{.State.StartedAt}}', name);
    await berth.button(row, 'Restart').click();
    await expect.poll(() => docker('inspect', '--format', '{{.State.StartedAt}}', name)).not.toBe(startedBefore);
    await berth.expectRowState(name, /running/i);
  });

  test('a change made with the docker CLI shows up within a second', async ({ page }) => {
    const name = e2eName('cli');
    runFixture(name);
    const berth = new BerthPage(page);
    await berth.open();
    await berth.expectRowState(name, /running/i);

    docker('stop', '-t', '0', name);
    await expect(berth.row(name)).toContainText(/exited/i, { timeout: 1000 });

    const fresh = e2eName('fresh');
    runFixture(fresh);
    await expect(berth.row(fresh)).toBeVisible({ timeout: 1000 });

    docker('rm', '-f', fresh);
    await expect(berth.row(fresh)).toHaveCount(0, { timeout: 1000 });
  });

  test('Remove asks first; Cancel keeps the container, Remove deletes it', async ({ page }) => {
    const name = e2eName('remove');
    docker('create', '--name', name, '--label', fixtureLabel, fixtureImage);
    const berth = new BerthPage(page);
    await berth.open();
    const row = berth.row(name);
    await expect(row).toBeVisible();

    await berth.button(row, 'Remove').click();
    const dialog = page.getByRole('dialog');
    await expect(dialog).toContainText(name);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toHaveCount(0);
    expect(containerState(name)).toBe('created');

    await berth.button(row, 'Remove').click();
    await page.getByRole('dialog').getByRole('button', { name: 'Remove', exact: true }).click();
    await expect(row).toHaveCount(0);
    expect(containerState(name)).toBeUndefined();
  });

  test('removing a running container says it will be killed and does it only when forced', async ({ page }) => {
    const name = e2eName('busy');
    runFixture(name);
    const berth = new BerthPage(page);
    await berth.open();
    await berth.button(berth.row(name), 'Remove').click();
    const dialog = page.getByRole('dialog');
    await expect(dialog).toContainText(/running/i);
    await dialog.getByRole('button', { name: 'Remove', exact: true }).click();
    await expect(berth.row(name)).toHaveCount(0);
    expect(containerState(name)).toBeUndefined();
  });
});
