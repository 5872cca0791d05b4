import { expect, test, type Page } from '@playwright/test';
import Docker from 'dockerode';
import { e2eName, removeE2eContainers, runFixture } from './fixtures/docker-cli.js';
import { BerthPage } from './pages/berth-page.js';

/** The visible text of the terminal open on `container`, read from xterm's buffer (test hook). */
async function terminalText(page: Page, container: string): Promise<string> {
  return page.evaluate((name) => {
    const hooks = (window as unknown as { __berthTerminals?: Map<string, () => string> }).__berthTerminals;
    if (!hooks) return '';
    for (const [key, read] of hooks) if (key.includes(name)) return read();
    return '';
  }, container);
}

/** Exec processes of the container that the engine still reports as running. */
async function runningExecs(container: string): Promise<number> {
  const engine = new Docker({ socketPath: '/var/run/docker.sock' });
  const info = await engine.getContainer(container).inspect();
  const states = await Promise.all((info.ExecIDs ?? []).map((id) => engine.getExec(id).inspect()));
  return states.filter((s) => s.Running).length;
}

test.describe('a shell into a running container', () => {
  test.afterAll(() => removeE2eContainers());

  test('opens a terminal, runs a command, follows resizes, Ctrl-C stops yes, and closing ends the exec', async ({ page }) => {
    const name = e2eName('shell');
    runFixture(name);
    const berth = new BerthPage(page);
    await berth.open();
    await berth.button(berth.row(name), 'Open shell').click();
    const terminal = page.getByRole('region', { name: new RegExp(`Terminal.*${name}`) }).or(page.getByLabel(new RegExp(`Terminal.*${name}`))).first();
    await expect(terminal).toBeVisible();
    await terminal.click();

    await page.keyboard.type('echo berth-$((6*7))\n');
    await expect.poll(() => terminalText(page, name)).toContain('berth-42');
    // Nothing on the page animates without end (a blinking cursor is one): while anything
    // animates, Chromium holds every echo for a frame and draws 60 frames a second while idle.
    const endless = await page.evaluate(() => document.getAnimations().filter((a) => a.effect?.getComputedTiming().iterations === Infinity).map((a) => (a as CSSAnimation).animationName ?? 'an animation'));
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

    await page.keyboard.type('yes\n');
    await page.waitForTimeout(500);
    await page.keyboard.press('Control+C');
    await page.keyboard.type('echo stopped-$((2+3))\n');
    await expect.poll(() => terminalText(page, name), { timeout: 10_000 }).toContain('stopped-5');

    await page.getByRole('button', { name: new RegExp(`Close.*${name}`) }).first().click();
    await expect.poll(() => runningExecs(name), { timeout: 10_000 }).toBe(0);
  });
});
