import { expect, test, type Page } from '@playwright/test';
import { docker, fixtureImage, fixtureLabel } from './fixtures/docker-cli.js';
import { BerthPage } from './pages/berth-page.js';

const shots = '/tmp/berth-shots';
const rand = Math.random().toString(36).slice(2, 7);
const volumeName = (what: string): string => `berth-e2e-vol-${what}-${rand}`;
const madeVolumes = new Set<string>();
const madeContainers = new Set<string>();

function tryDocker(...args: string[]): string | undefined {
  try {
    return docker(...args);
  } catch {
    return undefined;
  }
}

function createVolume(name: string): void {
  madeVolumes.add(name);
  docker('volume', 'create', '--label', fixtureLabel, name);
}

/** A stopped container that mounts the volume: enough for the engine to call it "in use". */
function mountIn(volume: string, what: string): string {
  const name = `berth-e2e-vol-${what}-${rand}`;
  madeContainers.add(name);
  docker('create', '--name', name, '--label', fixtureLabel, '-v', `${volume}:/data`, fixtureImage, 'true');
  return name;
}

function volumeExists(name: string): boolean {
  return tryDocker('volume', 'inspect', name) !== undefined;
}

async function openVolumes(page: Page, filter: string): Promise<BerthPage> {
  const berth = new BerthPage(page);
  await berth.open('');
  await page.getByRole('link', { name: /^Volumes/ }).click();
  await expect(page.getByRole('heading', { name: 'Volumes', level: 1 })).toBeVisible();
  await page.getByLabel('Filter volumes').fill(filter);
  return berth;
}

function activity(page: Page) {
  return page.getByRole('log', { name: 'Recent actions as docker commands' });
}

test.describe('volumes against the real engine', () => {
  test.afterAll(() => {
    for (const c of madeContainers) tryDocker('rm', '-f', c);
    for (const v of madeVolumes) if (volumeExists(v)) tryDocker('volume', 'rm', v);
  });

  test('create in the dialog, see it used by a container, refused while in use, removed after confirming', async ({ page }) => {
    const name = volumeName('made');
    madeVolumes.add(name);
    const berth = await openVolumes(page, `berth-e2e-vol-made-${rand}`);

    await page.getByRole('button', { name: 'Create volume…' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'Create a volume' });
    await expect(dialog).toBeVisible();
    const nameField = dialog.getByRole('textbox', { name: 'Name' });

    // A bad name is explained beside the field and cannot be submitted.
    await nameField.fill('-nope');
    await expect(dialog.getByRole('alert')).toContainText('Start with a letter or digit');
    await expect(dialog.getByRole('button', { name: 'Create', exact: true })).toBeDisabled();

    await nameField.fill(name);
    await dialog.getByRole('button', { name: '+ Add label' }).click();
    await dialog.getByLabel('Labels 1 key').fill('berth.test-fixture');
    await dialog.getByLabel('Labels 1 value').fill('true');
    await dialog.getByRole('button', { name: '+ Add label' }).click();
    await dialog.getByLabel('Labels 2 key').fill('com.docker.compose.project');
    await dialog.getByLabel('Labels 2 value').fill('robot');
    await expect(dialog.getByLabel('Equivalent command')).toContainText(
      `docker volume create --label berth.test-fixture=true --label com.docker.compose.project=robot ${name}`,
    );
    await page.screenshot({ path: `${shots}/vol-create-dialog.png` });
    await dialog.getByRole('button', { name: 'Create', exact: true }).click();
    await expect(dialog).toBeHidden();

    const row = berth.row(name);
    await expect(row).toBeVisible();
    await expect(row).toContainText('unused');
    await expect(row).toContainText('compose: robot');
    expect(docker('volume', 'inspect', '--format', '{{index .Labels "berth.test-fixture"}}', name)).toBe('true');
    await expect(activity(page)).toContainText(`docker volume create`);

    // A container made in another shell shows under "used by" without a reload.
    const holder = mountIn(name, 'holder');
    await expect(row.getByRole('link', { name: holder })).toBeVisible();
    await page.screenshot({ path: `${shots}/vol-used-by.png` });

    // Its detail pane: who mounts it where, labels, and the inspect document on request.
    await row.getByRole('button', { name, exact: true }).click();
    const pane = page.getByRole('complementary', { name: `Volume ${name}` });
    await expect(pane.getByRole('region', { name: 'Used by' })).toContainText(`${holder}`);
    await expect(pane.getByRole('region', { name: 'Used by' })).toContainText('at /data');
    await expect(pane.getByRole('region', { name: 'Labels' })).toContainText('com.docker.compose.project');
    await pane.getByText('Inspect JSON').click();
    await expect(pane.locator('pre')).toContainText(`"Mountpoint": "/var/lib/docker/volumes/${name}/_data"`);
    await page.screenshot({ path: `${shots}/vol-detail.png` });
    await pane.getByRole('button', { name: 'Close volume details' }).click();
    await expect(pane).toBeHidden();

    // A "used by" chip opens Containers, filtered to that container; the volumes filter is kept.
    await row.getByRole('link', { name: holder }).click();
    await expect(page.getByLabel('Filter containers')).toHaveValue(holder);
    await expect(berth.row(holder)).toBeVisible();
    await page.getByRole('link', { name: /^Volumes/ }).click();
    await expect(page.getByLabel('Filter volumes')).toHaveValue(`berth-e2e-vol-made-${rand}`);

    // Removing it asks first, names the container, and shows the engine's refusal.
    await row.getByRole('button', { name: `Remove ${name}` }).click();
    const remove = page.getByRole('dialog', { name: `Remove volume ${name}?` });
    await expect(remove).toContainText('for good');
    await expect(remove).toContainText(`In use by ${holder} (created)`);
    await expect(remove).toContainText(`docker volume rm ${name}`);
    await remove.getByRole('button', { name: 'Remove', exact: true }).click();
    await expect(remove.getByRole('alert')).toContainText('The engine refused');
    await expect(remove.getByRole('alert')).toContainText('volume is in use');
    await expect(remove.getByRole('alert')).toContainText(holder);
    await page.screenshot({ path: `${shots}/vol-remove-refused.png` });
    expect(volumeExists(name)).toBe(true);
    await remove.getByRole('button', { name: 'Cancel' }).click();
    await expect(remove).toBeHidden();

    // Once the container is gone, the row says unused and removal goes through after confirming.
    docker('rm', holder);
    madeContainers.delete(holder);
    await expect(row).toContainText('unused');
    await row.getByRole('button', { name: `Remove ${name}` }).click();
    const again = page.getByRole('dialog', { name: `Remove volume ${name}?` });
    await expect(again).not.toContainText('In use');
    await again.getByRole('button', { name: 'Remove', exact: true }).click();
    await expect(again).toBeHidden();
    await expect(row).toHaveCount(0);
    expect(volumeExists(name)).toBe(false);
    await expect(activity(page)).toContainText(`docker volume rm ${name}`);
  });

  test('an engine error while creating shows in the dialog', async ({ page }) => {
    const name = volumeName('clash');
    createVolume(name);
    await openVolumes(page, name);
    await page.getByRole('button', { name: 'Create volume…' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'Create a volume' });
    await dialog.getByRole('textbox', { name: 'Name' }).fill(name);
    await dialog.getByRole('textbox', { name: 'Driver' }).fill('berth-no-such-driver');
    await expect(dialog.getByLabel('Equivalent command')).toContainText(`docker volume create --driver berth-no-such-driver ${name}`);
    await dialog.getByRole('button', { name: 'Create', exact: true }).click();
    // The engine looks for an unknown plugin for about 15 s before it refuses.
    await expect(dialog.getByRole('status')).toContainText('looking for the volume plugin');
    await expect(dialog.getByRole('alert')).toContainText('plugin "berth-no-such-driver" not found', { timeout: 30_000 });
    await expect(dialog).toBeVisible();
    await page.screenshot({ path: `${shots}/vol-create-error.png` });

    // The same name with its own driver: the engine hands back the existing volume, and Berth says so.
    await dialog.getByRole('textbox', { name: 'Driver' }).fill('local');
    await dialog.getByRole('button', { name: 'Create', exact: true }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('status').filter({ hasText: 'already existed' })).toContainText(name);
    await page.screenshot({ path: `${shots}/vol-already-existed.png` });
  });

  test('bulk remove with one confirmation; sizes on request', async ({ page }) => {
    const bulkA = volumeName('bulk-a');
    const bulkB = volumeName('bulk-b');
    const kept = volumeName('kept');
    const spare = volumeName('spare');
    for (const v of [bulkA, bulkB, kept, spare]) createVolume(v);
    const keeper = mountIn(kept, 'keeper');
    const berth = await openVolumes(page, `-${rand}`);
    await expect(berth.row(kept)).toContainText(keeper);

    // Sizes appear only when asked.
    await expect(page.getByText(/Sizes measured/)).toHaveCount(0);
    await page.getByRole('button', { name: 'Measure sizes' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Sizes measured' })).toBeVisible({ timeout: 30_000 });
    await expect(berth.row(spare)).toContainText(/\d+B/);
    await expect(activity(page)).toContainText('docker system df --verbose');
    await page.screenshot({ path: `${shots}/vol-list.png` });

    // Bulk: tick two, one confirmation listing both.
    await page.getByRole('checkbox', { name: `Select ${bulkA}` }).check();
    await page.getByRole('checkbox', { name: `Select ${bulkB}` }).check();
    await page.getByRole('toolbar', { name: 'Selected volumes' }).getByRole('button', { name: 'Remove selected' }).click();
    const bulk = page.getByRole('dialog', { name: 'Remove 2 volumes?' });
    await expect(bulk.getByRole('list', { name: 'Volumes to remove' })).toContainText(bulkA);
    await expect(bulk.getByRole('list', { name: 'Volumes to remove' })).toContainText(bulkB);
    await expect(bulk).toContainText(`docker volume rm ${bulkA} ${bulkB}`);
    await page.screenshot({ path: `${shots}/vol-bulk-remove.png` });
    await bulk.getByRole('button', { name: 'Remove 2' }).click();
    await expect(bulk).toBeHidden();
    await expect(berth.row(bulkA)).toHaveCount(0);
    await expect(berth.row(bulkB)).toHaveCount(0);
    expect(volumeExists(bulkA) || volumeExists(bulkB)).toBe(false);
  });

  test('prune narrowed to a label: anonymous ticked, named only when ticked, exactly those removed', async ({ page }) => {
    // A label only this test's volumes carry: other suites leave unused volumes on this engine.
    const pruneLabel = `berth.e2e-prune=${rand}`;
    const named = [volumeName('prune-a'), volumeName('prune-b')].sort();
    for (const v of named) {
      madeVolumes.add(v);
      docker('volume', 'create', '--label', fixtureLabel, '--label', pruneLabel, v);
    }
    const anonymous = docker('volume', 'create', '--label', fixtureLabel, '--label', pruneLabel);
    madeVolumes.add(anonymous);
    const held = volumeName('prune-held');
    madeVolumes.add(held);
    docker('volume', 'create', '--label', fixtureLabel, '--label', pruneLabel, held);
    mountIn(held, 'prune-holder');
    // Unused too, but without the label: it must survive.
    const unrelated = volumeName('prune-unrelated');
    createVolume(unrelated);

    const berth = await openVolumes(page, rand);
    await expect(berth.row(unrelated)).toBeVisible();
    await page.getByRole('button', { name: 'Prune unused…' }).click();
    const panel = page.getByRole('region', { name: 'Prune unused volumes' });
    const labelField = panel.getByRole('textbox', { name: 'Only volumes with the label' });

    // A filter the engine would not take is explained, not sent.
    await labelField.fill('bad key');
    await panel.getByRole('button', { name: 'Apply filter' }).click();
    await expect(panel.getByRole('alert')).toContainText('key');

    await labelField.fill(pruneLabel);
    await panel.getByRole('button', { name: 'Apply filter' }).click();
    await expect(panel).toContainText(`docker volume ls --filter dangling=true --filter label=${pruneLabel}`);
    const anonymousList = panel.getByRole('list', { name: 'Anonymous volumes to prune' });
    const namedList = panel.getByRole('list', { name: 'Named volumes to prune' });
    await expect(anonymousList.getByRole('listitem')).toHaveCount(1);
    await expect(namedList.getByRole('listitem')).toHaveCount(2);
    await expect(panel.getByRole('checkbox', { name: `Remove ${anonymous}` })).toBeChecked();
    for (const v of named) {
      await expect(panel.getByRole('checkbox', { name: `Remove ${v}` })).not.toBeChecked();
      await expect(namedList.getByRole('listitem').filter({ hasText: v })).toContainText('Named volume: someone chose this name');
    }
    await expect(panel).not.toContainText(held);
    await expect(panel).not.toContainText(unrelated);
    await expect(panel.getByLabel('Equivalent command')).toHaveText(`Same as docker volume rm ${anonymous}`);
    await expect(panel.getByRole('button', { name: 'Remove 1 volume' })).toBeEnabled();
    await namedList.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${shots}/vol-prune-preview.png` });

    // Including the named ones is a deliberate step, and the command line follows the ticks.
    await panel.getByRole('button', { name: 'Tick all named…' }).click();
    for (const v of named) await expect(panel.getByRole('checkbox', { name: `Remove ${v}` })).toBeChecked();
    await expect(panel.getByLabel('Equivalent command')).toHaveText(`Same as docker volume rm ${[anonymous, ...named].join(' ')}`);
    await expect(panel.getByRole('status').filter({ hasText: 'ticked' })).toContainText('3 volumes ticked (2 named) would be removed');
    await panel.getByRole('button', { name: 'Remove 3 volumes (2 named)' }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${shots}/vol-prune-named-ticked.png` });

    await panel.getByRole('button', { name: 'Remove 3 volumes (2 named)' }).click();
    const results = panel.getByRole('list', { name: 'Prune results' });
    await expect(results.getByRole('listitem')).toHaveCount(3);
    await expect(results.getByText('removed', { exact: true })).toHaveCount(3);
    await page.screenshot({ path: `${shots}/vol-prune-done.png` });
    await expect(activity(page)).toContainText(`docker volume rm ${[anonymous, ...named].join(' ')}`);

    for (const v of [anonymous, ...named]) expect(volumeExists(v)).toBe(false);
    expect(volumeExists(held)).toBe(true);
    expect(volumeExists(unrelated)).toBe(true);
    for (const v of named) await expect(berth.row(v)).toHaveCount(0);
    await expect(berth.row(unrelated)).toBeVisible();
  });
});
