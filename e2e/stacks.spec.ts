import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { docker, fixtureImage, fixtureLabel } from './fixtures/docker-cli.js';
import { BerthPage } from './pages/berth-page.js';

const shots = '/tmp/berth-shots';
const project = `berth-stk-${Math.random().toString(36).slice(2, 8)}`;
const folder = mkdtempSync(join(tmpdir(), 'berth-stk-e2e-'));
const file = join(folder, 'compose.yaml');

/** Services on no network (tests use no bridge network), b with a named volume. */
function stackFile(commandOfA: string, extraLine = ''): string {
  return `services:
  a:
    image: ${fixtureImage}
    network_mode: none
    command: ${commandOfA}
    stop_signal: SIGKILL
${extraLine}    labels: ["${fixtureLabel}"]
  b:
    image: ${fixtureImage}
    network_mode: none
    command: ["sh", "-c", "echo b-started; sleep 3600"]
    stop_signal: SIGKILL
    labels: ["${fixtureLabel}"]
    volumes: ["data:/data"]
volumes:
  data:
    labels: ["${fixtureLabel}"]
`;
}

function tryDocker(...args: string[]): string | undefined {
  try {
    return docker(...args);
  } catch {
    return undefined;
  }
}

const containerIds = (service: string): string =>
  docker('ps', '-aq', '--filter', `label=com.docker.compose.project=${project}`, '--filter', `label=com.docker.compose.service=${service}`);

async function replaceEditorText(page: Page, text: string): Promise<void> {
  const editor = page.getByRole('textbox', { name: `Compose file ${file}` });
  await editor.click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(text);
}

test.describe('Compose stacks through the UI, with the real docker-compose', () => {
  test.beforeAll(() => writeFileSync(file, stackFile('["sh", "-c", "echo a-started; sleep 3600"]')));
  test.afterAll(() => {
    for (const id of docker('ps', '-aq', '--filter', `label=com.docker.compose.project=${project}`).split('\n').filter(Boolean))
      tryDocker('rm', '-f', id);
    tryDocker('volume', 'rm', `${project}_data`);
    rmSync(folder, { recursive: true, force: true });
  });

  test('open, up, restart a service, stack logs, edit and apply, an error at its line, down -v', async ({ page }) => {
    test.setTimeout(180_000);
    const berth = new BerthPage(page);
    await berth.open('');
    await page.getByRole('link', { name: /^Stacks/ }).click();
    await expect(page.getByRole('heading', { name: 'Stacks', level: 1 })).toBeVisible();
    await expect(page.getByText(/run with docker-compose/)).toBeVisible();

    // Open from a path on the machine Berth runs on.
    await page.getByRole('button', { name: 'Open stack…' }).click();
    await page.getByLabel('Folder or Compose file').fill(folder);
    await page.getByLabel(/Project name/).fill(project);
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    const detail = page.getByRole('region', { name: `Stack ${project}` });
    await expect(detail.getByRole('heading', { name: project })).toBeVisible();
    await expect(detail.getByText(file)).toBeVisible();
    await expect(page.getByRole('navigation', { name: 'Stacks' }).getByRole('button', { name: new RegExp(project) })).toContainText(
      'no containers',
    );

    // Up: the exact command, its output, both services running.
    await detail.getByRole('button', { name: 'Up', exact: true }).click();
    const run = detail.getByRole('region', { name: 'Last run' });
    await expect(run.getByText(`docker-compose -p ${project} -f ${file} up -d`)).toBeVisible();
    await expect(run.getByRole('status')).toHaveText('done', { timeout: 60_000 });
    await expect(run.getByLabel('What up changed')).toHaveText('new containers: a, b');
    await expect(run.getByLabel('Compose output')).toContainText(`Creating ${project}_a_1`);
    const services = detail.getByRole('table');
    await expect(services.getByRole('row', { name: /^a / })).toContainText('running');
    await expect(services.getByRole('row', { name: /^b / })).toContainText('running');
    await expect(page.getByRole('navigation', { name: 'Stacks' }).getByRole('button', { name: new RegExp(project) })).toContainText(
      '2/2 running',
    );

    // Restart one service.
    const startedBefore = docker('inspect', '-f', '{{.State.StartedAt}}', containerIds('a'));
    await services.getByRole('row', { name: /^a / }).getByRole('button', { name: 'Restart' }).click();
    await expect(run.getByText(`docker-compose -p ${project} -f ${file} restart a`)).toBeVisible();
    await expect(run.getByRole('status')).toHaveText('done', { timeout: 60_000 });
    expect(docker('inspect', '-f', '{{.State.StartedAt}}', containerIds('a'))).not.toBe(startedBefore);

    // The stack's logs: both services, then only b.
    await detail.getByRole('tab', { name: 'Logs' }).click();
    const logs = detail.getByRole('log', { name: `Logs of ${project}` });
    await expect(logs).toContainText('a-started');
    await expect(logs).toContainText('b-started');
    await detail.getByRole('group', { name: 'Services shown' }).getByRole('button', { name: 'b', exact: true }).click();
    await expect(logs).toContainText('b-started');
    await expect(logs).not.toContainText('a-started');
    await page.screenshot({ path: `${shots}/stacks-logs.png` });

    // The file: an error shown at its line, then an edit applied recreates only a.
    await detail.getByRole('tab', { name: 'File' }).click();
    await replaceEditorText(page, stackFile('["sh", "-c", "echo a-edited; sleep 3601"]', '    restart_policy: sometimes\n'));
    await detail.getByRole('button', { name: 'Check' }).click();
    await expect(detail.getByRole('list', { name: 'Problems in the file' })).toContainText(
      "line 7: Unsupported config option for services.a: 'restart_policy'",
    );
    await replaceEditorText(page, stackFile('["sh", "-c", "echo a-edited; sleep 3601"]'));
    const idOfB = containerIds('b');
    await detail.getByRole('button', { name: 'Apply…' }).click();
    const diff = page.getByRole('dialog', { name: 'Save and apply these changes?' });
    await expect(diff.getByLabel('Changes')).toContainText('a-edited');
    await page.screenshot({ path: `${shots}/stacks-diff.png` });
    await diff.getByRole('button', { name: 'Save and apply' }).click();
    await expect(run.getByText(`docker-compose -p ${project} -f ${file} up -d`)).toBeVisible();
    await expect(run.getByLabel('What up changed')).toHaveText('recreated: a', { timeout: 60_000 });
    await expect(run.getByRole('status')).toHaveText('done');
    expect(containerIds('b')).toBe(idOfB);
    await detail.getByRole('tab', { name: 'Services' }).click();
    await page.screenshot({ path: `${shots}/stacks.png` });
    const axe = await new AxeBuilder({ page }).include('.stk-view').analyze();
    expect(
      axe.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id}: ${v.nodes[0]?.target.join(' ')}`),
    ).toEqual([]);

    // Down with volumes: the confirmation names what is lost.
    await detail.getByRole('button', { name: 'Down…' }).click();
    const down = page.getByRole('dialog', { name: `Take ${project} down` });
    await expect(down.getByRole('list', { name: 'Containers removed' })).toContainText(`${project}_a_1`);
    await down.getByLabel('Also remove volumes (-v)').check();
    await expect(down.getByRole('list', { name: 'Volumes removed' })).toContainText(`${project}_data`);
    await expect(down.getByText(`docker-compose -p ${project} -f ${file} down -v`)).toBeVisible();
    await down.getByRole('button', { name: 'Down and remove volumes' }).click();
    await expect(run.getByText(`docker-compose -p ${project} -f ${file} down -v`)).toBeVisible();
    await expect(run.getByRole('status')).toHaveText('done', { timeout: 60_000 });
    await expect.poll(() => docker('ps', '-aq', '--filter', `label=com.docker.compose.project=${project}`)).toBe('');
    expect(tryDocker('volume', 'inspect', `${project}_data`)).toBeUndefined();
    await expect(page.getByRole('navigation', { name: 'Stacks' }).getByRole('button', { name: new RegExp(project) })).toContainText(
      'no containers',
    );
  });
});
