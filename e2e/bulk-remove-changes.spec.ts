import { mkdirSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { docker, runFixture, specContainers, containerExists } from './fixtures/docker-cli.js';
import { BerthPage } from './pages/berth-page.js';

const shots = '/tmp/berth-shots';
mkdirSync(shots, { recursive: true });

const containers = specContainers('berth-e2e-rf-');
const rfName = containers.name;

test.describe('bulk remove says what each container would lose', () => {
  test.afterAll(() => containers.removeAll());

  test('two selected, one with a touched file: the dialog shows the change for that one only; unticking keeps it', async ({ page }) => {
    const touched = rfName('touched');
    const clean = rfName('clean');
    const prefix = 'berth-e2e-rf-';
    runFixture(touched);
    runFixture(clean);
    docker('exec', touched, 'touch', '/berth-touched');
    docker('stop', clean);

    const berth = new BerthPage(page);
    await berth.open(prefix);
    await page.getByRole('checkbox', { name: `Select ${touched}` }).check();
    await page.getByRole('checkbox', { name: `Select ${clean}` }).check();
    await page.getByRole('button', { name: 'Remove selected' }).click();

    const dialog = page.getByRole('dialog');
    await expect(dialog).toHaveAccessibleName('Remove 2 containers?');
    const list = dialog.getByRole('list', { name: 'Containers to remove' });
    const touchedItem = list.getByRole('listitem', { name: touched, exact: true });
    const cleanItem = list.getByRole('listitem', { name: clean, exact: true });
    await expect(touchedItem).toContainText('1 path changed');
    await expect(cleanItem).toContainText('no changes in its writable layer');
    await expect(cleanItem).not.toContainText('path changed');
    await expect(dialog.getByRole('status')).toContainText(`${touched} has changes in the writable layer: these changes will be lost`);
    // The running one needs force, and the dialog says so.
    await expect(touchedItem).toContainText('needs force');
    await expect(cleanItem).not.toContainText('needs force');
    await expect(dialog.getByRole('checkbox', { name: /^Force/ })).toBeChecked();

    await touchedItem.getByText('1 path changed').click();
    await expect(touchedItem.getByRole('list', { name: `Changes in ${touched}` })).toHaveText(/\/berth-touched/);
    await page.screenshot({ path: `${shots}/bulk-remove-changes.png` });

    // Keep the changed one: only the clean one goes, without --force.
    await dialog.getByRole('checkbox', { name: `Remove ${touched}` }).uncheck();
    await expect(dialog).toHaveAccessibleName('Remove 1 of 2 containers?');
    await expect(dialog.getByRole('checkbox', { name: /^Force/ })).toHaveCount(0);
    await expect(dialog.locator('code')).toHaveText(`docker rm ${clean}`);
    await page.screenshot({ path: `${shots}/bulk-remove-kept.png` });
    await dialog.getByRole('button', { name: 'Remove', exact: true }).click();
    await expect(berth.row(clean)).toHaveCount(0);
    await berth.expectRowState(touched, /running/i);
    expect(containerExists(touched)).toBe(true);
    expect(containerExists(clean)).toBe(false);
  });
});
