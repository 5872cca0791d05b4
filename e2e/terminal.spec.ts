import { expect, test, type Page } from '@playwright/test';
import Docker from 'dockerode';
import { runFixture, specContainers } from './fixtures/docker-cli.js';
import { BerthPage } from './pages/berth-page.js';
import { openShellFromRow, terminalText } from './fixtures/terminal.js';

/** Exec processes of the container that the engine still reports as running. */
async function runningExecs(container: string): Promise<number> {
  const engine = new Docker({ socketPath: '/var/run/docker.sock' });
  const info = await engine.getContainer(container).inspect();
  const states = await Promise.all((info.ExecIDs ?? []).map((id) => engine.getExec(id).inspect()));
  return states.filter((s) => s.Running).length;
}

// Only this spec's containers are removed afterwards: other specs run on the same engine.
const containers = specContainers('berth-e2e-term-');

/** Runs a fixture container, opens Berth and a shell on it from its row, the prompt shown; returns the container's name. */
async function shellOnNewContainer(page: Page, what: string): Promise<string> {
  const name = containers.name(what);
  runFixture(name);
  await new BerthPage(page).open();
  await openShellFromRow(page, name);
  return name;
}

test.describe('a shell into a running container', () => {
  test.afterAll(() => containers.removeAll());

  test('opens a terminal, runs a command, follows resizes, Ctrl-C stops yes, and closing ends the exec', async ({ page }) => {
    const name = await shellOnNewContainer(page, 'shell');

    await page.keyboard.type('echo berth-$((6*7))\n');
    await expect.poll(() => terminalText(page, name)).toContain('berth-42');
    // Nothing on the page animates without end (a blinking cursor is one): while anything
    // animates, Chromium holds every echo for a frame and draws 60 frames a second while idle.
    const endless = await page.evaluate(() =>
      document
        .getAnimations()
        .filter((a) => a.effect?.getComputedTiming().iterations === Infinity)
        .map((a) => (a as CSSAnimation).animationName ?? 'an animation'),
    );
    expect(endless).toEqual([]);

    await page.keyboard.type('stty size\n');
    await expect.poll(() => terminalText(page, name)).toMatch(/^\d+ \d+$/m);
    const before = /^(\d+) (\d+)$/m.exec(await terminalText(page, name));
    await page.setViewportSize({ width: 900, height: 700 });
    await page.keyboard.type('clear; stty size\n');
    await expect
      .poll(async () => {
        const now = /^(\d+) (\d+)$/m.exec(await terminalText(page, name));
        return now && before ? now[2] !== before[2] : false;
      })
      .toBe(true);

    await page.keyboard.type('clear; yes\n');
    // yes is running once its own lines show (the typed command is never a line of just "y").
    await expect.poll(() => terminalText(page, name)).toMatch(/^y\n^y$/m);
    await page.keyboard.press('Control+C');
    await page.keyboard.type('echo stopped-$((2+3))\n');
    await expect.poll(() => terminalText(page, name), { timeout: 10_000 }).toContain('stopped-5');

    await page
      .getByRole('button', { name: new RegExp(`Close.*${name}`) })
      .first()
      .click();
    await expect.poll(() => runningExecs(name), { timeout: 10_000 }).toBe(0);
  });

  test('a container removed under an open shell is said to be removed, not to have exited with a code', async ({ page }) => {
    const name = await shellOnNewContainer(page, 'shell-rm');
    const tab = page.getByRole('tab', { name: new RegExp(name) });
    await page.keyboard.type('echo ready-$((5*5))\n');
    await expect.poll(() => terminalText(page, name)).toContain('ready-25');
    await new Docker({ socketPath: '/var/run/docker.sock' }).getContainer(name).remove({ force: true });
    await expect(tab).toContainText('removed');
    await expect(tab).not.toContainText('137');
    await expect(page.getByRole('tabpanel').getByRole('status').filter({ hasText: 'The container was removed' })).toBeVisible();
  });

  test('input a shell does not read is refused past 1 MiB, and the terminal says so', async ({ page }) => {
    const name = await shellOnNewContainer(page, 'shell-stuck');
    await page.keyboard.type('stty raw -echo; echo not-$((2*4))-reading; sleep 31501\n');
    await expect.poll(() => terminalText(page, name)).toMatch(/^not-8-reading/m);
    const alert = page.getByRole('alert').filter({ hasText: 'not reading its input' });
    const chunk = 'x'.repeat(900_000);
    // Each paste is one input call: the first ones fill what the engine and kernel take, then Berth's 1 MiB.
    await expect
      .poll(
        async () => {
          await page.keyboard.insertText(chunk);
          return alert.isVisible();
        },
        { timeout: 30_000 },
      )
      .toBe(true);
    await expect(alert).toContainText('Input not sent: The terminal is not reading its input');
    await page.screenshot({ path: `${process.env.BERTH_SHOTS ?? '/tmp/berth-shots'}/term-input-refused.png` });
  });
});
