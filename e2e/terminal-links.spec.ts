import { expect, test, type Page } from '@playwright/test';
import { runFixture, specContainers } from './fixtures/docker-cli.js';
import { e2eServer } from './fixtures/e2e-server.js';
import { BerthPage } from './pages/berth-page.js';
import { terminalText } from './fixtures/terminal.js';

const shots = process.env.BERTH_SHOTS ?? '/tmp/berth-shots';
const containers = specContainers('berth-e2e-tx-link-');

/** A running container with a shell open in Berth, its prompt drawn. */
async function shellIn(page: Page): Promise<string> {
  const name = containers.name('sh');
  runFixture(name);
  const berth = new BerthPage(page);
  await berth.open(name);
  await berth.button(berth.row(name), 'Open shell').click();
  await page.getByRole('region', { name: `Terminal ${name}`, exact: true }).click();
  await expect.poll(() => terminalText(page, name)).toMatch(/[#$] ?$/m);
  return name;
}

/** The middle of the first on-screen terminal row whose text starts with `start` (DOM renderer). */
async function rowPoint(page: Page, start: string): Promise<{ x: number; y: number }> {
  const box = await page.evaluate((s) => {
    const row = [...document.querySelectorAll('.xterm-rows > div')].find((r) => r.textContent?.replace(/\u00a0/g, ' ').startsWith(s));
    const rect = row?.getBoundingClientRect();
    return rect ? { x: rect.left, y: rect.top + rect.height / 2 } : null;
  }, start);
  expect(box, `a terminal row starting with ${start}`).not.toBeNull();
  return box!;
}

/** xterm activates a link on hover then click. */
async function clickAt(page: Page, point: { x: number; y: number }): Promise<void> {
  await page.mouse.move(point.x + 20, point.y);
  await page.mouse.move(point.x + 30, point.y);
  await page.mouse.click(point.x + 30, point.y);
}

test.describe('links printed in a terminal', () => {
  test.afterAll(() => {
    containers.removeAll();
  });

  test('a hyperlink whose text hides its URL asks first and shows the real URL', async ({ page, context }) => {
    const name = await shellIn(page);
    const url = 'http://127.0.0.1:9/berth-e2e/osc8-target';
    // ESC ] 8 ; ; URL ESC \ text ESC ] 8 ; ; ESC \ : the text says nothing about where it goes.
    await page.keyboard.type(`clear; printf '\\033]8;;${url}\\033\\\\harmless docs\\033]8;;\\033\\\\\\n'\n`);
    await expect.poll(() => terminalText(page, name)).toMatch(/^harmless docs$/m);

    const point = await rowPoint(page, 'harmless docs');
    let popups = 0;
    context.on('page', () => (popups += 1));
    let nativeDialogs = 0;
    page.on('dialog', (d) => {
      nativeDialogs += 1;
      void d.dismiss();
    });
    await clickAt(page, point);
    const dialog = page.getByRole('dialog', { name: 'Open this link?' });
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText(url);
    await page.screenshot({ path: `${shots}/term-osc8-link.png` });
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toBeHidden();
    expect(nativeDialogs).toBe(0);
    expect(popups).toBe(0);
  });

  test('in a browser, a confirmed link opens in a new tab that cannot reach back to Berth', async ({ page, context }) => {
    const name = await shellIn(page);
    const url = `${e2eServer.origin}/berth-e2e-link-target?from=terminal`;
    await page.keyboard.type(`clear; echo '${url}'\n`);
    // The echo's own line: the URL alone on a row (the typed command's row also holds it, after `echo '`).
    await expect.poll(async () => (await terminalText(page, name)).split('\n').includes(url)).toBe(true);
    await clickAt(page, await rowPoint(page, url.slice(0, 20)));
    const dialog = page.getByRole('dialog', { name: 'Open this link?' });
    await expect(dialog).toContainText(url);
    const popup = context.waitForEvent('page');
    await dialog.getByRole('button', { name: 'Open link' }).click();
    const opened = await popup;
    await expect.poll(() => opened.url()).toBe(url);
    expect(await opened.evaluate(() => window.opener)).toBeNull();
    await expect(dialog).toBeHidden();
    await opened.close();
  });
});
