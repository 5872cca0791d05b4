import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { docker, fixtureImage } from './fixtures/docker-cli.js';
import { BerthPage } from './pages/berth-page.js';

const shots = '/tmp/berth-shots';
const suffix = Math.random().toString(36).slice(2, 8);
const name = `berth-newstk-e2e-${suffix}`;
const project = `berth-newstk-${suffix}`;
const base = mkdtempSync(join(tmpdir(), 'berth-newstk-e2e-'));
const folder = join(base, 'driver');
const file = join(folder, 'compose.yaml');

function tryDocker(...args: string[]): string | undefined {
  try {
    return docker(...args);
  } catch {
    return undefined;
  }
}

test.describe('a new stack from the run form, with the real docker-compose', () => {
  test.afterAll(() => {
    for (const id of (tryDocker('ps', '-aq', '--filter', `label=com.docker.compose.project=${project}`) ?? '').split('\n').filter(Boolean))
      tryDocker('rm', '-f', id);
    rmSync(base, { recursive: true, force: true });
  });

  test('the Compose export becomes compose.yaml in a new folder, opens unstarted in Stacks, and comes up', async ({ page }) => {
    test.setTimeout(120_000);
    const berth = new BerthPage(page);
    await berth.open();
    await page.getByRole('button', { name: 'Run container…' }).click();
    const form = page.getByRole('dialog', { name: 'Run a container' });
    await form.getByLabel('Image', { exact: true }).fill(fixtureImage);
    await form.getByLabel('Name', { exact: true }).fill(name);
    await form.getByLabel('Command', { exact: true }).fill("sh -c 'echo from-the-form; sleep 3600'");
    await form.getByLabel('Network', { exact: true }).selectOption('none');
    await form.getByRole('button', { name: '+ Add label' }).click();
    await form.getByLabel('Label 1 key', { exact: true }).fill('berth.test-fixture');
    await form.getByLabel('Label 1 value', { exact: true }).fill('true');
    await form.getByRole('tab', { name: 'Compose' }).click();
    await form.getByRole('button', { name: 'New stack from this…' }).click();
    await expect(form).toBeHidden();

    // The Stacks view asks where; the project name is the service's.
    await expect(page.getByRole('heading', { name: 'Stacks', level: 1 })).toBeVisible();
    const dialog = page.getByRole('dialog', { name: 'New stack from the run form' });
    await expect(dialog.getByLabel('compose.yaml to write')).toContainText(`container_name: "${name}"`);
    await expect(dialog.getByLabel('Project name')).toHaveValue(name);
    await dialog.getByLabel('Project name').fill(project);
    await dialog.getByLabel('Folder for compose.yaml').fill(folder);
    await expect(dialog.getByLabel('What it runs')).toContainText(`docker-compose -p ${project} -f ${file} config --services`);
    await page.screenshot({ path: `${shots}/stacks-new-dialog.png` });
    await dialog.getByRole('button', { name: 'Write compose.yaml and open' }).click();
    await expect(dialog).toBeHidden();

    expect(existsSync(file)).toBe(true);
    expect(readFileSync(file, 'utf8')).toContain('network_mode: "none"');
    const detail = page.getByRole('region', { name: `Stack ${project}` });
    await expect(detail.getByRole('heading', { name: project })).toBeVisible();
    await expect(page.getByRole('navigation', { name: 'Stacks' }).getByRole('button', { name: new RegExp(project) })).toContainText(
      'no containers',
    );

    await detail.getByRole('button', { name: 'Up', exact: true }).click();
    const run = detail.getByRole('region', { name: 'Last run' });
    await expect(run.getByRole('status')).toHaveText('done', { timeout: 60_000 });
    expect(docker('inspect', '-f', '{{.State.Status}} {{.HostConfig.NetworkMode}}', name)).toBe('running none');
    await page.screenshot({ path: `${shots}/stacks-new-up.png` });

    // A second stack into the same folder is refused, and the file is unchanged.
    const written = readFileSync(file, 'utf8');
    await page.getByRole('link', { name: /^Containers/ }).click();
    await page.getByRole('button', { name: 'Run container…' }).click();
    await form.getByRole('tab', { name: 'Compose' }).click();
    await form.getByRole('button', { name: 'New stack from this…' }).click();
    await dialog.getByLabel('Folder for compose.yaml').fill(folder);
    await dialog.getByLabel('Project name').fill(`${project}-again`);
    await dialog.getByRole('button', { name: 'Write compose.yaml and open' }).click();
    await expect(dialog).toContainText(`${file} already exists: nothing was written`);
    expect(readFileSync(file, 'utf8')).toBe(written);
    await dialog.getByRole('button', { name: 'Cancel' }).click();

    await page
      .getByRole('navigation', { name: 'Stacks' })
      .getByRole('button', { name: new RegExp(`^${project}`) })
      .click();
    await detail.getByRole('button', { name: 'Down…' }).click();
    await page
      .getByRole('dialog', { name: `Take ${project} down` })
      .getByRole('button', { name: 'Down', exact: true })
      .click();
    await expect(run.getByRole('status')).toHaveText('done', { timeout: 60_000 });
    await expect.poll(() => docker('ps', '-aq', '--filter', `label=com.docker.compose.project=${project}`)).toBe('');
  });
});
