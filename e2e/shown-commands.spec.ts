import { execFileSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { invocationsOfShownLine } from '../electron/test-support/shell-echo.js';
import { docker, fixtureImage, runFixture, specContainers } from './fixtures/docker-cli.js';
import { BerthPage } from './pages/berth-page.js';

// The docker commands Berth shows are meant to be pasted into a shell. A value with $(…),
// backticks, quotes or spaces must reach docker as one literal word: nothing in it may run.

const pwned = join(tmpdir(), `berth-e2e-pwned-${process.pid}`);
const hostile = `$(touch ${pwned}) \`touch ${pwned}\` it's "q" ~ *`;
const containers = specContainers('berth-e2e-shown-');
const committedRepo = `berth-e2e/shown-${Math.random().toString(36).slice(2, 7)}`;

test.describe('shown docker commands are shell-safe', () => {
  test.afterEach(() => expect(existsSync(pwned), `${pwned} was created: a shown command ran a value`).toBe(false));
  test.afterAll(() => {
    rmSync(pwned, { force: true });
    containers.removeAll();
    try {
      docker('rmi', '-f', `${committedRepo}:1`);
    } catch {
      // not made
    }
  });

  test('the run form’s docker run line, run in a real shell, makes the container the form describes', async ({ page }) => {
    const name = containers.name('run');
    await new BerthPage(page).open();
    await page.getByRole('button', { name: 'Run container…' }).click();
    const form = page.getByRole('dialog', { name: 'Run a container' });
    const field = (label: string) => form.getByLabel(label, { exact: true });
    await field('Image').fill(fixtureImage);
    await field('Name').fill(name);
    await field('Command').fill("sh -c 'sleep 300'");
    await field('Working directory').fill('/a b');
    await form.getByRole('button', { name: '+ Add variable' }).click();
    await field('Environment variable 1 key').fill('HOSTILE');
    await field('Environment variable 1 value').fill(hostile);
    await form.getByRole('button', { name: '+ Add label' }).click();
    await field('Label 1 key').fill('berth.test-fixture');
    await field('Label 1 value').fill('true');

    const line = (await form.getByRole('region', { name: 'What Berth will run' }).locator('code').textContent()) ?? '';
    expect(line).toContain("--workdir '/a b'");
    expect(invocationsOfShownLine(line)).toEqual([
      [
        'docker',
        'run',
        '--detach',
        '--name',
        name,
        '--env',
        `HOSTILE=${hostile}`,
        '--workdir',
        '/a b',
        '--label',
        'berth.test-fixture=true',
        fixtureImage,
        'sh',
        '-c',
        'sleep 300',
      ],
    ]);
    // What a user would do with it: paste it into a shell that has the real docker CLI.
    execFileSync('/bin/sh', ['-c', line], { stdio: 'ignore' });
    expect(docker('inspect', '--format', '{{json .Config.Env}}', name)).toContain(JSON.stringify(`HOSTILE=${hostile}`));
    expect(docker('inspect', '--format', '{{.Config.WorkingDir}}', name)).toBe('/a b');
  });

  test('the commit dialog shows a hostile message quoted, and commits that very message', async ({ page }) => {
    const name = containers.name('commit');
    runFixture(name);
    const berth = new BerthPage(page);
    await berth.open(name);
    await berth.row(name).getByRole('button', { name, exact: true }).click();
    const pane = page.getByRole('complementary', { name: `Container ${name}` });
    await pane.getByRole('button', { name: 'Commit…' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Repository').fill(committedRepo);
    await dialog.getByLabel('Tag').fill('1');
    await dialog.getByLabel('Message').fill(hostile);

    const shown = dialog.locator('code').filter({ hasText: 'docker commit' });
    await expect(shown).toContainText(`--message '$(touch ${pwned})`);
    const line = (await shown.textContent()) ?? '';
    expect(invocationsOfShownLine(line)).toEqual([['docker', 'commit', '--message', hostile, name, `${committedRepo}:1`]]);

    await dialog.getByRole('button', { name: 'Commit', exact: true }).click();
    await expect(dialog.getByRole('status')).toContainText(/sha256:[0-9a-f]{12,}/);
    expect(docker('image', 'inspect', '--format', '{{.Comment}}', `${committedRepo}:1`)).toBe(hostile);
  });

  test('a shell opened with a spaced directory and a hostile variable is recorded as a quoted docker exec', async ({ page }) => {
    const name = containers.name('exec');
    runFixture(name);
    docker('exec', name, 'mkdir', '-p', '/a b');
    const berth = new BerthPage(page);
    await berth.open(name);
    await berth.button(berth.row(name), 'Shell options').click();
    const form = page.getByRole('dialog', { name: `Open a shell in ${name}` });
    await form.getByLabel('Shell').selectOption('sh');
    await form.getByLabel('Working directory').fill('/a b');
    await form.getByLabel(/Environment/).fill(`A=${hostile}`);
    await form.getByRole('button', { name: 'Open shell' }).click();

    const entry = page
      .getByRole('log', { name: 'Recent actions as docker commands' })
      .locator('code')
      .filter({ hasText: 'docker exec -it' });
    await expect(entry).toContainText(`--workdir '/a b' --env 'A=$(touch ${pwned})`);
    const line = ((await entry.first().textContent()) ?? '').replace(/^\$ /, '');
    expect(invocationsOfShownLine(line)).toEqual([['docker', 'exec', '-it', '--workdir', '/a b', '--env', `A=${hostile}`, name, 'sh']]);
  });
});
