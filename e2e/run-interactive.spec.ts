import { mkdirSync } from 'node:fs';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { AxeBuilder } from '@axe-core/playwright';
import { docker, fixtureImage, specContainers } from './fixtures/docker-cli.js';
import { BerthPage } from './pages/berth-page.js';
import { terminalText, waitForPrompt } from './fixtures/terminal.js';

// The tutorial's journey in Berth: `docker run -it` gives a shell in a terminal tab and the new
// container is selected; `docker start -a` (Reopen) brings it back with its files and transcript;
// a commit leads to its image, and a registry name to a push.

const shots = process.env.BERTH_SHOTS ?? '/tmp/berth-shots';
mkdirSync(shots, { recursive: true });

const containers = specContainers('berth-e2e-it-');
const images: string[] = [];
const registry = '127.0.0.1:5000';

/** Opens the run form and fills in the fixture image, `name` and the fixture label to clean up by. */
async function fillRunForm(page: Page, name: string): Promise<Locator> {
  await page.getByRole('button', { name: 'Run container…' }).click();
  const form = page.getByRole('dialog', { name: 'Run a container' });
  await form.getByLabel('Image', { exact: true }).fill(fixtureImage);
  await form.getByLabel('Name', { exact: true }).fill(name);
  await form.getByRole('button', { name: '+ Add label' }).click();
  await form.getByLabel('Label 1 key', { exact: true }).fill('berth.test-fixture');
  await form.getByLabel('Label 1 value', { exact: true }).fill('true');
  return form;
}

/** Runs the form with -it on: Interactive and TTY ticked. */
async function runInteractive(page: Page, name: string): Promise<void> {
  const form = await fillRunForm(page, name);
  await form.getByRole('checkbox', { name: /^Interactive/ }).check();
  await form.getByRole('checkbox', { name: /^TTY/ }).check();
  const line = `docker run -it --name ${name} --label berth.test-fixture=true ${fixtureImage}`;
  await expect(form.getByRole('region', { name: 'What Berth will run' })).toContainText(line);
  await expect(form.getByRole('region', { name: 'What Berth will run' })).not.toContainText('--detach');
  await form.getByRole('button', { name: 'Run in a terminal' }).click();
  await expect(form).toBeHidden();
}

test.describe('docker run -it, start -a, commit and push in the UI', () => {
  test.afterAll(() => {
    containers.removeAll();
    for (const image of images) {
      try {
        docker('rmi', '--force', image);
      } catch {
        // already gone
      }
    }
  });

  test('-it opens a working shell on the new container, which is selected; Reopen starts it again below the transcript', async ({
    page,
  }) => {
    // Many steps on a shared, busy engine: three times the usual time.
    test.slow();
    const name = containers.name('shell');
    const berth = new BerthPage(page);
    await berth.open();
    await runInteractive(page, name);

    // The terminal tab is attached to the container's main process, and the container is shown.
    const tab = page.getByRole('tab', { name: new RegExp(`${name} · attach`) });
    await expect(tab).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByRole('complementary', { name: `Container ${name}` })).toBeVisible();
    expect(docker('inspect', '--format', '{{.Config.Tty}} {{.Config.OpenStdin}} {{.Config.StdinOnce}}', name)).toBe('true true false');
    await expect(page.getByRole('log', { name: 'Recent actions as docker commands' })).toContainText(`docker run -it --name ${name}`);

    // Room for both sessions' lines: the test hook reads what is on screen.
    const resize = page.getByRole('separator', { name: 'Resize terminals' });
    for (let i = 0; i < 12; i++) await resize.press('ArrowUp');
    const marker = `hi-${Math.floor(Math.random() * 1e9)}`;
    await waitForPrompt(page, name);
    await page.getByRole('region', { name: `Terminal ${name}`, exact: true }).click();
    await page.keyboard.type(`touch /made-here; echo ${marker}\n`);
    await expect.poll(() => terminalText(page, name)).toMatch(new RegExp(`^${marker}`, 'm'));
    await page.screenshot({ path: `${shots}/run-it-shell.png` });

    // The tab list holds only tabs, and A−/A+ are named by what they show (axe).
    const axe = await new AxeBuilder({ page })
      .include('section[aria-label="Terminals"]')
      .withRules(['aria-required-children', 'label-content-name-mismatch', 'nested-interactive', 'aria-hidden-focus'])
      .options({ rules: { 'label-content-name-mismatch': { enabled: true } } })
      .analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    // axe leaves out one-letter text such as A−: its name must still start with what it shows.
    await expect(page.getByRole('button', { name: /^A− / })).toHaveText('A−');
    await expect(page.getByRole('button', { name: /^A\+ / })).toHaveText('A+');

    // exit ends the main process: the container stops; Reopen is docker start -a -i.
    await page.keyboard.type('exit\n');
    await expect(tab).toContainText('exit 0');
    const panel = page.getByRole('tabpanel', { name: new RegExp(name) });
    await panel.getByRole('button', { name: 'Reopen' }).click();
    await expect(tab).not.toContainText('exit');
    await expect.poll(() => terminalText(page, name)).toContain('— started again —');
    expect(await terminalText(page, name)).toContain(marker);
    await expect(page.getByRole('log', { name: 'Recent actions as docker commands' })).toContainText(`docker start -a -i ${name}`);
    await page.getByRole('region', { name: `Terminal ${name}`, exact: true }).click();
    await page.keyboard.press('Enter');
    await page.keyboard.type('ls /made-here && echo found-$((6*7))\n');
    await expect.poll(() => terminalText(page, name)).toMatch(/^found-42/m);
    await page.screenshot({ path: `${shots}/run-it-reopened.png` });

    // Removed under the tab: the tab says so and offers only Close.
    docker('rm', '--force', name);
    await expect(tab).toContainText('removed');
    await expect(panel.getByRole('button', { name: 'Reopen' })).toHaveCount(0);
    await expect(panel.getByRole('status').filter({ hasText: 'The container was removed' })).toBeVisible();
    await panel.getByRole('button', { name: 'Close', exact: true }).click();
    await expect(tab).toHaveCount(0);
  });

  test('a detached run of a shell image says it exited at once with its code and why, then -it gives the shell', async ({ page }) => {
    const name = containers.name('quick');
    const berth = new BerthPage(page);
    await berth.open();
    const form = await fillRunForm(page, name);
    await form.getByRole('button', { name: 'Run', exact: true }).click();
    await expect(form).toBeHidden();

    await expect(page.getByRole('complementary', { name: `Container ${name}` })).toBeVisible();
    const note = page.getByRole('status', { name: 'Run result' });
    await expect(note).toContainText(`${name} exited at once with code 0`);
    await expect(note).toContainText("busybox's default command is sh; without -it it exits");
    await page.screenshot({ path: `${shots}/run-exited-at-once.png` });

    await note.getByRole('button', { name: 'Run it with -it' }).click();
    await expect(form.getByRole('region', { name: 'What Berth will run' })).toContainText(
      `docker run -it --label berth.test-fixture=true ${fixtureImage}`,
    );
    const again = containers.name('quick-it');
    await form.getByLabel('Name', { exact: true }).fill(again);
    await form.getByRole('button', { name: 'Run in a terminal' }).click();
    await expect(page.getByRole('tab', { name: new RegExp(`${again} · attach`) })).toBeVisible();
    await expect(page.getByRole('complementary', { name: `Container ${again}` })).toBeVisible();
  });

  test('a commit links to its image, and a registry name offers Push', async ({ page }) => {
    test.slow();
    const name = containers.name('commit');
    const repository = `${registry}/berth-e2e/it-commit-${Date.now()}`;
    images.push(`${repository}:v2`);
    docker(
      'run',
      '--detach',
      '--name',
      name,
      '--label',
      'berth.test-fixture=true',
      fixtureImage,
      'sh',
      '-c',
      'touch /new_file1; sleep 300',
    );
    const berth = new BerthPage(page);
    await berth.open();
    await berth.row(name).getByRole('button', { name, exact: true }).click();
    const detail = page.getByRole('complementary', { name: `Container ${name}` });
    await detail.getByRole('button', { name: 'Commit…' }).click();
    const dialog = page.getByRole('dialog', { name: new RegExp(`Commit ${name}`) });
    await dialog.getByLabel('Repository').fill(repository);
    await dialog.getByLabel('Tag').fill('v2');
    await dialog.getByRole('button', { name: 'Commit', exact: true }).click();
    const done = dialog.getByRole('status').filter({ hasText: 'Committed' });
    await expect(done).toContainText(`${repository}:v2`);
    await expect(dialog.getByRole('button', { name: 'Show the image' })).toBeVisible();
    await page.screenshot({ path: `${shots}/commit-done.png` });

    await dialog.getByRole('button', { name: `Push to ${registry}` }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('complementary', { name: `Image ${repository}:v2` })).toBeVisible();
    const card = page.getByRole('article', { name: `Push ${repository}:v2` });
    await expect(card).toContainText('Done', { timeout: 30_000 });
    await page.screenshot({ path: `${shots}/commit-pushed.png` });

    // Pull it back (from the registry: the local tag goes first): the finished card links to the image.
    docker('rmi', `${repository}:v2`);
    await page.getByRole('button', { name: 'Pull…' }).click();
    const pullForm = page.getByRole('form', { name: 'Pull an image' });
    await pullForm.getByLabel('Image reference').fill(`${repository}:v2`);
    await pullForm.getByRole('button', { name: 'Pull', exact: true }).click();
    const pulled = page.getByRole('article', { name: `Pull ${repository}:v2` });
    await expect(pulled).toContainText('Done', { timeout: 30_000 });
    await pulled.getByRole('button', { name: `Show ${repository}:v2` }).click();
    await expect(page.getByRole('complementary', { name: `Image ${repository}:v2` })).toBeVisible();
  });
});
