import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { docker, fixtureLabel, runFixture, specContainers } from './fixtures/docker-cli.js';
import { BerthPage } from './pages/berth-page.js';

const shots = process.env.BERTH_SHOTS ?? '/tmp/berth-shots';
const prefix = 'berth-e2e-files-';

const containers = specContainers(prefix);
const filesName = containers.name;

async function openFiles(page: Page, name: string) {
  const berth = new BerthPage(page);
  await berth.open(name);
  await berth.row(name).getByRole('button', { name, exact: true }).click();
  const pane = page.getByRole('complementary', { name: `Container ${name}` });
  await pane.getByRole('tab', { name: 'Files' }).click();
  return pane;
}

test.describe('container Files tab against the real engine', () => {
  test.afterAll(() => containers.removeAll());

  test('navigate, upload a file, see it listed, download it back', async ({ page }) => {
    const name = filesName('up');
    runFixture(name);
    docker('exec', name, 'sh', '-c', 'mkdir -p "/srv/my data" && printf "hello from the container" > "/srv/my data/greeting.txt"');
    const pane = await openFiles(page, name);
    const table = pane.getByRole('grid', { name: 'Files in /' });
    await expect(table.getByRole('row', { name: 'etc', exact: true })).toBeVisible();

    // Navigate with the keyboard (Enter) and by double-click.
    await table.getByRole('row', { name: 'srv', exact: true }).getByRole('button', { name: 'srv', exact: true }).press('Enter');
    const srv = pane.getByRole('grid', { name: 'Files in /srv' });
    await srv.getByRole('row', { name: 'my data', exact: true }).getByRole('button', { name: 'my data', exact: true }).dblclick();
    const dataTable = pane.getByRole('grid', { name: 'Files in /srv/my data' });
    await expect(dataTable.getByRole('row', { name: 'greeting.txt' })).toBeVisible();
    await expect(pane.getByRole('navigation', { name: 'Folder path' })).toContainText('my data');

    // Upload through the file input.
    const bytes = Buffer.from(Array.from({ length: 200_000 }, (_v, i) => (i * 31) % 256));
    await pane.getByLabel('Upload files').setInputFiles({ name: 'robot config.bin', mimeType: 'application/octet-stream', buffer: bytes });
    await expect(dataTable.getByRole('row', { name: 'robot config.bin' })).toBeVisible();
    await expect(pane.getByRole('status').filter({ hasText: 'Uploaded robot config.bin' })).toBeVisible();
    expect(Buffer.from(docker('exec', name, 'base64', '/srv/my data/robot config.bin').replace(/\s/g, ''), 'base64').equals(bytes)).toBe(
      true,
    );
    await page.screenshot({ path: `${shots}/files-tab.png` });

    // Uploading the same name again asks first.
    await pane.getByLabel('Upload files').setInputFiles({ name: 'greeting.txt', mimeType: 'text/plain', buffer: Buffer.from('replaced') });
    const dialog = page.getByRole('dialog', { name: 'Replace greeting.txt?' });
    await expect(dialog).toBeVisible();
    await page.screenshot({ path: `${shots}/files-replace.png` });
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(docker('exec', name, 'cat', '/srv/my data/greeting.txt')).toBe('hello from the container');
    await pane.getByLabel('Upload files').setInputFiles({ name: 'greeting.txt', mimeType: 'text/plain', buffer: Buffer.from('replaced') });
    await page.getByRole('dialog', { name: 'Replace greeting.txt?' }).getByRole('button', { name: 'Replace' }).click();
    await expect(pane.getByRole('status').filter({ hasText: 'Uploaded greeting.txt' })).toBeVisible();
    expect(docker('exec', name, 'cat', '/srv/my data/greeting.txt')).toBe('replaced');

    // Drag and drop onto the list uploads too.
    const dataTransfer = await page.evaluateHandle(() => {
      const dt = new DataTransfer();
      dt.items.add(new File(['dropped bytes'], 'dropped file.txt', { type: 'text/plain' }));
      return dt;
    });
    const dropZone = pane.locator('.cf-drop');
    await dropZone.dispatchEvent('dragover', { dataTransfer });
    await dropZone.dispatchEvent('drop', { dataTransfer });
    await expect(dataTable.getByRole('row', { name: 'dropped file.txt' })).toBeVisible();
    expect(docker('exec', name, 'cat', '/srv/my data/dropped file.txt')).toBe('dropped bytes');

    // Download the uploaded file and compare bytes.
    const downloadPromise = page.waitForEvent('download');
    await dataTable.getByRole('row', { name: 'robot config.bin' }).getByRole('button', { name: 'Download robot config.bin' }).click();
    const download = await downloadPromise;
    expect(download.suggestedFilename()).toBe('robot config.bin');
    const saved = await download.path();
    expect(readFileSync(saved).equals(bytes)).toBe(true);

    // A folder downloads as a tar.
    await pane.getByRole('button', { name: 'Up to the parent folder' }).press('Enter');
    const folderDownload = page.waitForEvent('download');
    await srv.getByRole('row', { name: 'my data', exact: true }).getByRole('button', { name: 'Download my data' }).click();
    expect((await folderDownload).suggestedFilename()).toBe('my data.tar');
  });

  test('a replacement the container has no room for leaves the original, and the tab says nothing was written', async ({ page }) => {
    const name = filesName('full');
    // A 1 MiB tmpfs volume: the 1.2 MB replacement cannot be written in full.
    const volume = `${prefix}vol-${Math.random().toString(36).slice(2, 7)}`;
    docker('volume', 'create', '--label', fixtureLabel, '--opt', 'type=tmpfs', '--opt', 'device=tmpfs', '--opt', 'o=size=1m', volume);
    try {
      runFixture(name, '-v', `${volume}:/small`);
      docker('exec', name, 'sh', '-c', 'head -c 600000 /dev/urandom > /small/data.bin');
      const before = docker('exec', name, 'md5sum', '/small/data.bin');
      const pane = await openFiles(page, name);
      const path = pane.getByRole('textbox', { name: 'Path' });
      await path.fill('/small');
      await path.press('Enter');
      await expect(pane.getByRole('grid', { name: 'Files in /small' }).getByRole('row', { name: 'data.bin' })).toBeVisible();

      await pane
        .getByLabel('Upload files')
        .setInputFiles({ name: 'data.bin', mimeType: 'application/octet-stream', buffer: Buffer.alloc(1_200_000, 7) });
      await page.getByRole('dialog', { name: 'Replace data.bin?' }).getByRole('button', { name: 'Replace' }).click();
      const alert = pane.getByRole('alert');
      await expect(alert).toContainText('Upload failed');
      await expect(alert).toContainText('Nothing was written; files already there are unchanged.');
      await page.screenshot({ path: `${shots}/files-not-written.png` });
      expect(docker('exec', name, 'md5sum', '/small/data.bin')).toBe(before);
      expect(docker('exec', name, 'ls', '-A', '/small')).toBe('data.bin');
    } finally {
      docker('rm', '-f', name);
      docker('volume', 'rm', volume);
    }
  });

  test('a bad path shows an error; a stopped container is still browsable', async ({ page }) => {
    const name = filesName('bad');
    runFixture(name);
    docker('exec', name, 'sh', '-c', 'printf kept > /kept.txt');
    const pane = await openFiles(page, name);
    const path = pane.getByRole('textbox', { name: 'Path' });
    await path.fill('/no/such/place');
    await path.press('Enter');
    await expect(pane.getByRole('alert')).toContainText('No such file or folder');
    await expect(pane.getByRole('alert')).toContainText('/no/such/place');
    await path.fill('relative/path');
    await path.press('Enter');
    await expect(pane.getByRole('alert')).toContainText('absolute path');
    await path.fill('/etc/hosts');
    await path.press('Enter');
    await expect(pane.getByRole('alert')).toContainText('Not a folder: /etc/hosts');
    await page.screenshot({ path: `${shots}/files-error.png` });

    docker('stop', name);
    await expect(pane.locator('.badge')).toContainText(/exited/i);
    await path.fill('/');
    await path.press('Enter');
    await expect(pane.getByRole('grid', { name: 'Files in /' }).getByRole('row', { name: 'kept.txt' })).toBeVisible();
    await expect(pane.getByText(/tar -t/)).toBeVisible();
    await page.screenshot({ path: `${shots}/files-stopped.png` });
  });
});
