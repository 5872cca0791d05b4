import { expect, test, type Page } from '@playwright/test';
import { docker, fixtureImage, fixtureLabel, specContainers } from './fixtures/docker-cli.js';
import { BerthPage } from './pages/berth-page.js';

const made = specContainers('berth-e2e-h4hist-');

function strip(page: Page) {
  return page.getByRole('log', { name: 'Recent actions as docker commands' });
}

test.describe('the activity history', () => {
  test.afterAll(() => made.removeAll());

  test('a failed command is said in words, its toast closes itself clear of the main actions, and the history finds it', async ({
    page,
  }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    const bad = made.name('bad');
    // Its command is not in the image: `docker start` fails with the runtime's long message.
    docker('create', '--name', bad, '--label', fixtureLabel, fixtureImage, 'no-such-program');
    const berth = new BerthPage(page);
    await berth.open('berth-e2e-h4hist-');
    await berth.button(berth.row(bad), 'Start').click();

    const toast = page.getByRole('alert').filter({ hasText: `docker start ${bad}` });
    await expect(toast).toContainText('the command is not in the image');
    await expect(toast).toContainText('executable file not found');
    await expect(toast).not.toContainText('ENGINE_ERROR');
    await expect(strip(page)).toContainText(`docker start ${bad}`);
    await expect(strip(page)).toContainText('✗ failed: the command is not in the image');
    await expect(strip(page)).not.toContainText('ENGINE_ERROR');

    // Clear of the toolbar and its Run button.
    const toastBox = (await toast.boundingBox())!;
    for (const control of [page.getByRole('button', { name: /Run container/ }), page.getByLabel('Filter containers')]) {
      const box = (await control.boundingBox())!;
      const overlaps =
        toastBox.x < box.x + box.width &&
        box.x < toastBox.x + toastBox.width &&
        toastBox.y < box.y + box.height &&
        box.y < toastBox.y + toastBox.height;
      expect(overlaps).toBe(false);
    }
    await page.screenshot({ path: '/tmp/berth-shots/activity-toast.png' });
    // It closes by itself (about 8 s); the failure stays in the history.
    await expect(toast).toHaveCount(0, { timeout: 20_000 });

    await page.getByRole('button', { name: /^History/ }).click();
    const history = page.getByRole('dialog', { name: 'Command history' });
    const rows = history.getByRole('region', { name: /Commands this session/ }).getByRole('listitem');
    const search = history.getByRole('searchbox', { name: 'Search the history' });
    await search.fill('not in the image');
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText(`docker start ${bad}`);
    await expect(rows.first()).toContainText('executable file not found');
    await expect(rows.first().getByRole('button', { name: `Copy docker start ${bad}` })).toBeVisible();
    await search.fill('no command says this');
    await expect(rows).toHaveCount(0);
    await expect(history).toContainText('No command matches the search.');
    await page.screenshot({ path: '/tmp/berth-shots/activity-history.png' });
    await page.keyboard.press('Escape');
    await expect(history).toHaveCount(0);
  });

  test("the shell that opened is the one shown; Berth's own docker diff of a remove preview is marked background", async ({ page }) => {
    const kept = made.name('kept');
    docker('run', '-d', '--name', kept, '--label', fixtureLabel, '--stop-timeout', '1', fixtureImage, 'sh', '-c', 'touch /made; sleep 600');
    const berth = new BerthPage(page);
    await berth.open('berth-e2e-h4hist-');
    // The fixture has no bash: the shell that opens is sh, and the strip says so.
    await berth.button(berth.row(kept), 'Open shell').click();
    await expect(strip(page)).toContainText(`docker exec -it ${kept} sh`);
    await expect(strip(page)).not.toContainText(`docker exec -it ${kept} bash`);

    await berth.button(berth.row(kept), 'Remove').click();
    const dialog = page.getByRole('dialog');
    await expect(dialog).toContainText('made');
    await dialog.getByRole('button', { name: 'Cancel' }).click();

    await expect(strip(page)).not.toContainText(`docker diff ${kept}`);
    await page.getByRole('button', { name: /^History/ }).click();
    const history = page.getByRole('dialog', { name: 'Command history' });
    const rows = history.getByRole('region', { name: /Commands this session/ }).getByRole('listitem');
    await history.getByRole('searchbox', { name: 'Search the history' }).fill(`docker diff ${kept}`);
    await expect(rows).toHaveCount(0);
    await history.getByLabel('Berth’s background reads').check();
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText('background');
  });
});
