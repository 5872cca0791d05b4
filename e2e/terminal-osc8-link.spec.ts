import { expect, test, type Page } from '@playwright/test';
import { docker, fixtureLabel, runFixture } from './fixtures/docker-cli.js';
import { BerthPage } from './pages/berth-page.js';

const shots = process.env.BERTH_SHOTS ?? '/tmp/berth-shots';
const prefix = 'berth-e2e-tx-osc8-';

async function terminalText(page: Page, key: string): Promise<string> {
  return page.evaluate((k) => window.__berthTerminals?.get(k)?.() ?? '', key);
}

test.describe('OSC 8 hyperlinks', () => {
  test.afterAll(() => {
    const ids = docker('ps', '-aq', '--filter', `label=${fixtureLabel}`, '--filter', `name=${prefix}`);
    if (ids) docker('rm', '-f', ...ids.split('\n'));
  });

  test('a hyperlink whose text hides its URL asks first and shows the real URL', async ({ page, context }) => {
    const name = `${prefix}${Math.random().toString(36).slice(2, 7)}`;
    runFixture(name);
    const berth = new BerthPage(page);
    await berth.open(name);
    await berth.button(berth.row(name), 'Open shell').click();
    await page.getByRole('region', { name: `Terminal ${name}`, exact: true }).click();
    await expect.poll(() => terminalText(page, name)).toMatch(/[#$] ?$/m);
    const url = 'http://127.0.0.1:9/berth-e2e/osc8-target';
    // ESC ] 8 ; ; URL ESC \ text ESC ] 8 ; ; ESC \ : the text says nothing about where it goes.
    await page.keyboard.type(`clear; printf '\\033]8;;${url}\\033\\\\harmless docs\\033]8;;\\033\\\\\\n'\n`);
    await expect.poll(() => terminalText(page, name)).toMatch(/^harmless docs$/m);

    const box = await page.evaluate(() => {
      const row = [...document.querySelectorAll('.xterm-rows > div')].find((r) => r.textContent?.startsWith('harmless'));
      const rect = row?.getBoundingClientRect();
      return rect ? { x: rect.left, y: rect.top + rect.height / 2 } : null;
    });
    expect(box).not.toBeNull();
    let popups = 0;
    context.on('page', () => (popups += 1));
    let nativeDialogs = 0;
    page.on('dialog', (d) => {
      nativeDialogs += 1;
      void d.dismiss();
    });
    await page.mouse.move(box!.x + 20, box!.y);
    await page.mouse.move(box!.x + 30, box!.y);
    await page.mouse.click(box!.x + 30, box!.y);
    const dialog = page.getByRole('dialog', { name: 'Open this link?' });
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText(url);
    await page.screenshot({ path: `${shots}/term-osc8-link.png` });
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toBeHidden();
    expect(nativeDialogs).toBe(0);
    expect(popups).toBe(0);
  });
});
