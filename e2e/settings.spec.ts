import { expect, test } from '@playwright/test';
import { runFixture, specContainers } from './fixtures/docker-cli.js';
import { BerthPage } from './pages/berth-page.js';

const prefix = 'berth-set-';
const made = specContainers(prefix);
test.afterAll(() => made.removeAll());

test('the theme follows the system until one is chosen, and the choice survives a restart', async ({ page }) => {
  const html = page.locator('html');
  await page.emulateMedia({ colorScheme: 'light' });
  await new BerthPage(page).open('');
  await expect(html).toHaveAttribute('data-theme', 'light');
  await expect(page.getByRole('radio', { name: 'Follow the system theme' })).toBeChecked();
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(html).toHaveAttribute('data-theme', 'dark');
  // Page colours really change (tokens), not only the attribute.
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const darkBackground = await background();

  await page.getByRole('radio', { name: 'Light theme' }).click();
  await expect(html).toHaveAttribute('data-theme', 'light');
  expect(await background()).not.toBe(darkBackground);

  // A restart of the page: the choice holds whatever the system says.
  await page.reload();
  await expect(page.getByRole('radio', { name: 'Light theme' })).toBeChecked();
  await expect(html).toHaveAttribute('data-theme', 'light');

  // Arrow keys move the choice (a radio group).
  await page.getByRole('radio', { name: 'Light theme' }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('radio', { name: 'Dark theme' })).toBeChecked();
  await expect(html).toHaveAttribute('data-theme', 'dark');
});

test('the terminal font size survives a restart', async ({ page }) => {
  const name = made.name('shell');
  runFixture(name);
  const berth = new BerthPage(page);
  const fontSize = () => page.evaluate(() => window.localStorage.getItem('berth.terminal.fontSize'));
  await berth.open(prefix);
  await berth.button(berth.row(name), 'Open shell').click();
  await page.getByRole('button', { name: 'Larger text' }).click();
  await page.getByRole('button', { name: 'Larger text' }).click();
  await expect.poll(fontSize).toBe('15');

  await page.reload();
  await page.getByLabel('Filter containers').fill(prefix);
  await berth.button(berth.row(name), 'Open shell').click();
  // It starts from the saved 15, not the default 13.
  await page.getByRole('button', { name: 'Larger text' }).click();
  await expect.poll(fontSize).toBe('16');
});

test('a stored setting that makes no sense is replaced by its default, not a broken page', async ({ page }) => {
  await new BerthPage(page).open('');
  await page.evaluate(() => {
    window.localStorage.setItem('berth.theme', 'purple');
    window.localStorage.setItem('berth.terminal.fontSize', 'huge');
  });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.reload();
  await expect(page.getByRole('radio', { name: 'Follow the system theme' })).toBeChecked();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.evaluate(() => window.localStorage.removeItem('berth.terminal.fontSize'));
});
