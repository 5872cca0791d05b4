import { expect, test, type Page } from '@playwright/test';
import { docker, e2eName, fixtureImage, fixtureLabel, removeE2eContainers, runFixture } from './fixtures/docker-cli.js';
import { BerthPage } from './pages/berth-page.js';
import { terminalText, waitForPrompt } from './fixtures/terminal.js';

const shots = process.env.BERTH_SHOTS ?? '/tmp/berth-shots';

function terminal(page: Page, container: string) {
  return page.getByRole('region', { name: `Terminal ${container}`, exact: true });
}

test.describe('terminal tabs', () => {
  test.afterAll(() => removeE2eContainers());

  test('two tabs at once, side by side in split view', async ({ page }) => {
    const a = e2eName('tab-a');
    const b = e2eName('tab-b');
    runFixture(a);
    runFixture(b);
    const berth = new BerthPage(page);
    await berth.open();
    await berth.button(berth.row(a), 'Open shell').click();
    await terminal(page, a).click();
    await waitForPrompt(page, a);
    await page.keyboard.type('echo first-$((1+1))\n');
    await expect.poll(() => terminalText(page, a)).toContain('first-2');

    await berth.button(berth.row(b), 'Open shell').click();
    await terminal(page, b).click();
    await waitForPrompt(page, b);
    await page.keyboard.type('echo second-$((2+2))\n');
    await expect.poll(() => terminalText(page, b)).toContain('second-4');
    await expect(page.getByRole('tab')).toHaveCount(2);

    await page.getByRole('button', { name: 'Split view' }).click();
    await expect(terminal(page, a)).toBeVisible();
    await expect(terminal(page, b)).toBeVisible();
    // Both sessions stay live: type into the left one while the right one is shown too.
    await terminal(page, a).click();
    await page.keyboard.type('echo again-$((3+3))\n');
    await expect.poll(() => terminalText(page, a)).toContain('again-6');
    expect(await terminalText(page, b)).toContain('second-4');
    await page.screenshot({ path: `${shots}/term-split.png` });
  });

  test('attach shows the main process output', async ({ page }) => {
    const name = e2eName('attach');
    docker(
      'run',
      '-d',
      '--name',
      name,
      '--label',
      fixtureLabel,
      '--stop-timeout',
      '1',
      fixtureImage,
      'sh',
      '-c',
      'i=0; while true; do i=$((i+1)); echo "tick-$i"; sleep 0.3; done',
    );
    const berth = new BerthPage(page);
    await berth.open();
    await berth.button(berth.row(name), 'Attach').click();
    await expect(page.getByRole('tab', { name: new RegExp(`${name} · attach`) })).toBeVisible();
    await expect.poll(() => terminalText(page, name), { timeout: 10_000 }).toMatch(/tick-\d+/);
    await page.screenshot({ path: `${shots}/term-attach.png` });
    // Closing the tab detaches: the container keeps running.
    const lastTick = (): number => Number(/tick-(\d+)/.exec(docker('logs', '--tail', '1', name))?.[1] ?? 0);
    await page.getByRole('button', { name: `Close terminal ${name} · attach` }).click();
    await expect(page.getByRole('tab', { name: new RegExp(`${name} · attach`) })).toHaveCount(0);
    // Five more ticks (1.5 s) is past the 1 s stop timeout: a close that stopped it would have ended it by then.
    const closedAt = lastTick();
    await expect.poll(lastTick, { timeout: 10_000 }).toBeGreaterThan(closedAt + 5);
    expect(docker('inspect', '--format', '{{.State.Status}}', name)).toBe('running');
  });

  test('the web transport refuses a host shell and says why', async ({ page }) => {
    const berth = new BerthPage(page);
    await berth.open();
    await page.getByRole('button', { name: 'New terminal' }).click();
    const item = page.getByRole('menuitem', { name: 'Host shell' });
    await expect(item).toHaveAttribute('aria-disabled', 'true');
    await expect(page.getByRole('menu')).toContainText('--allow-host-shell');
    await page.screenshot({ path: `${shots}/term-host-refused.png` });
    await item.click({ force: true });
    await expect(page.getByRole('tab')).toHaveCount(0);
  });

  test('a tab says the shell ended with its exit code, and Reopen opens a new one', async ({ page }) => {
    const name = e2eName('exit');
    runFixture(name);
    const berth = new BerthPage(page);
    await berth.open();
    await berth.button(berth.row(name), 'Open shell').click();
    await terminal(page, name).click();
    await waitForPrompt(page, name);
    await page.keyboard.type('echo ready\n');
    await expect.poll(() => terminalText(page, name)).toContain('ready');
    await page.keyboard.type('exit 3\n');
    const panel = page.getByRole('tabpanel');
    await expect(panel.getByRole('status')).toContainText('exited with code 3');
    await expect(page.getByRole('tab')).toContainText('exit 3');
    await page.screenshot({ path: `${shots}/term-exit.png` });
    await panel.getByRole('button', { name: 'Reopen' }).click();
    await terminal(page, name).click();
    // BusyBox asks the terminal where its cursor is after each prompt; keys typed before that
    // answer reaches it are read as the answer and lost.
    await waitForPrompt(page, name);
    await page.keyboard.type('echo back-$((4*4))\n');
    await expect.poll(() => terminalText(page, name)).toContain('back-16');
  });

  test('a link in the output asks before opening, showing the full URL', async ({ page, context }) => {
    const name = e2eName('link');
    runFixture(name);
    const berth = new BerthPage(page);
    await berth.open();
    await berth.button(berth.row(name), 'Open shell').click();
    const term = terminal(page, name);
    await term.click();
    const url = 'http://127.0.0.1:9/berth-e2e/some/long/path?with=query&and=more';
    await page.keyboard.type(`clear; echo ${url.replace(/&/g, '\\&')}\n`);
    await expect.poll(() => terminalText(page, name)).toContain('with=query&and=more');

    // Find the printed URL's row on screen and click its first characters.
    const box = await page.evaluate(() => {
      const rows = [...document.querySelectorAll('.xterm-rows > div')];
      const row = rows.find((r) => r.textContent?.startsWith('http://127.0.0.1:9/'));
      const rect = row?.getBoundingClientRect();
      return rect ? { x: rect.left, y: rect.top, height: rect.height } : null;
    });
    expect(box).not.toBeNull();
    let popups = 0;
    context.on('page', () => (popups += 1));
    await page.mouse.move(box!.x + 30, box!.y + box!.height / 2);
    await page.mouse.move(box!.x + 40, box!.y + box!.height / 2);
    await page.mouse.click(box!.x + 40, box!.y + box!.height / 2);
    const dialog = page.getByRole('dialog', { name: 'Open this link?' });
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText(url);
    await page.screenshot({ path: `${shots}/term-link.png` });
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toBeHidden();
    expect(popups).toBe(0);
  });

  test('search finds text in the scrollback', async ({ page }) => {
    const name = e2eName('search');
    runFixture(name);
    const berth = new BerthPage(page);
    await berth.open();
    await berth.button(berth.row(name), 'Open shell').click();
    await terminal(page, name).click();
    await page.keyboard.type('for i in 1 2 3; do echo needle-$i; done\n');
    await expect.poll(() => terminalText(page, name)).toContain('needle-3');
    await page.keyboard.type('seq 1 200\n');
    await expect.poll(() => terminalText(page, name)).toMatch(/^200$/m);
    await page.keyboard.press('Control+Shift+F');
    const box = page.getByRole('searchbox', { name: 'Search terminal' });
    await expect(box).toBeFocused();
    await box.fill('needle-');
    // The command line and its three lines of output, two of them scrolled out of view.
    await expect(page.getByRole('search')).toContainText(/of 4/);
    await page.screenshot({ path: `${shots}/term-search.png` });
  });

  test('Shell options open a shell with the chosen user, directory and environment', async ({ page }) => {
    const name = e2eName('options');
    runFixture(name);
    const berth = new BerthPage(page);
    await berth.open();
    await berth.button(berth.row(name), 'Shell options').click();
    const form = page.getByRole('dialog', { name: `Open a shell in ${name}` });
    await form.getByLabel('Shell').selectOption('sh');
    await form.getByLabel('User').fill('1000:1000');
    await form.getByLabel('Working directory').fill('/etc');
    await form.getByLabel(/Environment/).fill('BERTH_GREETING=hello-options');
    await page.screenshot({ path: `${shots}/term-shell-options.png` });
    await form.getByRole('button', { name: 'Open shell' }).click();
    await terminal(page, name).click();
    await page.keyboard.type('echo "$(id -u) $(pwd) $BERTH_GREETING"\n');
    await expect.poll(() => terminalText(page, name)).toContain('1000 /etc hello-options');
  });
});
