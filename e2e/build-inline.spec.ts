import { expect, test } from '@playwright/test';
import { docker } from './fixtures/docker-cli.js';
import { BerthPage } from './pages/berth-page.js';

const rand = Math.random().toString(36).slice(2, 8);
const tag = `berth-e2e-h4/inline:${rand}`;

function tryDocker(...args: string[]): void {
  try {
    docker(...args);
  } catch {
    // not there
  }
}

test.describe('build from "Write it here" with no folder', () => {
  test.afterAll(() => tryDocker('rmi', '-f', tag));

  test('the starter uses an image the engine has; Build says why it waits; the built image is one click away', async ({ page }) => {
    test.setTimeout(120_000);
    const berth = new BerthPage(page);
    await berth.open('');
    await berth.showImages();
    await page.getByRole('button', { name: 'Build…' }).click();
    const panel = page.getByRole('region', { name: 'Build an image' });
    const editor = panel.getByRole('textbox', { name: 'Dockerfile' });
    const build = panel.getByRole('button', { name: 'Build', exact: true });

    // The starter's FROM is an image this engine has (no pull, no name Berth made up).
    const starter = await editor.inputValue();
    const from = /^FROM (\S+)/.exec(starter)?.[1];
    expect(from).toBeTruthy();
    expect(docker('image', 'inspect', '--format', '{{.Id}}', from!)).toMatch(/^sha256:/);

    // "A file in the context" needs a folder: Build waits and says so; the command shows the blank.
    await panel.getByLabel('A file in the context').check();
    await expect(build).toBeDisabled();
    await expect(panel.getByText('Give the context folder')).toBeVisible();
    await expect(build).toHaveAccessibleDescription(/Give the context folder/);
    await expect(panel.locator('.build-command')).toHaveText('docker build --force-rm <folder>');

    // "Write it here" needs none: an empty context, `docker build -`.
    await panel.getByLabel('Write it here').check();
    await panel.getByRole('textbox', { name: 'Tag', exact: true }).fill(tag);
    await expect(panel.locator('.build-command')).toHaveText(`docker build -t ${tag} --force-rm -`);
    await expect(build).toBeEnabled();
    await editor.fill(`FROM ${from}\nLABEL berth.test-fixture=true\nRUN echo inline-${rand} > /hello\nCMD ["cat", "/hello"]\n`);
    await build.click();
    await expect(panel.getByRole('status', { name: 'Build status' })).toContainText('Built', { timeout: 60_000 });
    expect(docker('run', '--rm', tag)).toBe(`inline-${rand}`);
    await expect(page.getByRole('log', { name: 'Recent actions as docker commands' })).toContainText(`docker build -t ${tag} --force-rm -`);

    // Go to the result: the image's own pane.
    await panel.getByRole('button', { name: `Show the image ${tag}` }).click();
    await expect(panel).toHaveCount(0);
    const detail = page.getByRole('complementary', { name: `Image ${tag}` });
    await expect(detail).toBeVisible();
    await expect(detail.getByRole('list', { name: 'Layers' }).getByRole('listitem').first()).toBeVisible();
    await page.screenshot({ path: '/tmp/berth-shots/build-inline-result.png' });
  });
});
