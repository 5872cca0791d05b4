import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { docker, fixtureImage, fixtureLabel, specContainers } from './fixtures/docker-cli.js';
import { BerthPage } from './pages/berth-page.js';
import { terminalText } from './fixtures/terminal.js';

const shots = process.env.BERTH_SHOTS ?? '/tmp/berth-shots';
mkdirSync(shots, { recursive: true });

const containers = specContainers('berth-e2e-debug-');
const shellLess = 'berth-e2e/shell-less:1';

/** A FROM scratch image holding only the static busybox binary (taken from the fixture image), run as its entrypoint. */
function buildShellLessImage(): void {
  const dir = mkdtempSync(join(tmpdir(), 'berth-e2e-shell-less-'));
  const holder = containers.name('holder');
  try {
    docker('create', '--name', holder, '--label', fixtureLabel, fixtureImage);
    docker('cp', '-L', `${holder}:/bin/busybox`, join(dir, 'busybox'));
    writeFileSync(
      join(dir, 'Dockerfile'),
      `FROM scratch\nCOPY busybox /busybox\nLABEL ${fixtureLabel}\nENTRYPOINT ["/busybox", "sleep", "100000"]\n`,
    );
    docker('build', '-q', '-t', shellLess, dir);
  } finally {
    docker('rm', '-f', holder);
    rmSync(dir, { recursive: true, force: true });
  }
}

function toolboxesOf(target: string): string[] {
  const id = docker('inspect', '--format', '{{.Id}}', target);
  const out = docker('ps', '-aq', '--filter', `label=berth.debug-shell=${id}`);
  return out ? out.split('\n') : [];
}

test.describe('debug shell for a container without a shell', () => {
  test.afterAll(() => {
    containers.removeAll();
    try {
      docker('rmi', shellLess);
    } catch {
      // still used, or gone
    }
  });

  test('a toolbox shell sees the FROM scratch container’s processes and files, and is removed when the tab closes', async ({ page }) => {
    buildShellLessImage();
    const target = containers.name('scratch');
    docker('run', '-d', '--name', target, '--label', fixtureLabel, shellLess);

    const berth = new BerthPage(page);
    await berth.open(target);
    await berth.row(target).getByRole('button', { name: target, exact: true }).click();
    const pane = page.getByRole('complementary', { name: `Container ${target}` });
    await pane.getByRole('button', { name: 'Debug shell…' }).click();
    const dialog = page.getByRole('dialog', { name: `Debug shell for ${target}` });
    await expect(dialog).toContainText('/proc/1/root');
    await expect(dialog).toContainText('removed when you close the tab');
    await dialog.getByLabel('Toolbox image').fill(fixtureImage);
    await expect(dialog).toContainText(`docker run -it --rm --pid container:${target} --network container:${target} ${fixtureImage} sh`);
    await page.screenshot({ path: `${shots}/debug-shell-dialog.png` });
    await dialog.getByRole('button', { name: 'Open debug shell' }).click();

    const terminal = page.getByRole('region', { name: new RegExp(`Terminal.*${target}`) }).first();
    await expect(terminal).toBeVisible();
    await expect(page.getByText('Closing the tab removes the toolbox')).toBeVisible();
    await expect.poll(() => terminalText(page, target)).toMatch(/# ?$/m);
    expect(toolboxesOf(target)).toHaveLength(1);
    await terminal.click();
    await page.keyboard.type('echo pwd=$(pwd); ls; tr "\\0" " " < /proc/1/cmdline; echo; echo done-$((6*7))\n');
    await expect.poll(() => terminalText(page, target)).toContain('done-42');
    const text = await terminalText(page, target);
    expect(text).toContain('pwd=/proc/1/root');
    expect(text).toContain('/busybox sleep 100000');
    await page.screenshot({ path: `${shots}/debug-shell-terminal.png` });

    await page
      .getByRole('button', { name: new RegExp(`Close.*${target}`) })
      .first()
      .click();
    await expect.poll(() => toolboxesOf(target).length).toBe(0);
    // The target itself is untouched.
    expect(docker('inspect', '--format', '{{.State.Running}}', target)).toBe('true');
  });
});
