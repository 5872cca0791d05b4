import { expect, test, type Page } from '@playwright/test';
import { containerExists, runFixture, specContainers } from './fixtures/docker-cli.js';
import { BerthPage } from './pages/berth-page.js';

// Containers of this spec only (other specs share the engine).
const prefix = 'berth-kbd-';
const made = specContainers(prefix);
test.afterAll(() => made.removeAll());

/** The element that has focus, described by role and accessible name as a screen reader would. */
async function focused(page: Page): Promise<{ role: string | null; label: string | null; inGrid: boolean }> {
  return page.evaluate(() => {
    const el = document.activeElement;
    return {
      role: el?.getAttribute('role') ?? null,
      label: el?.getAttribute('aria-label') ?? null,
      inGrid: Boolean(el?.closest('[role="grid"]')),
    };
  });
}

test('the command palette finds a container, an action and a view, and runs them', async ({ page }) => {
  const web = made.name('web');
  runFixture(web);
  const berth = new BerthPage(page);
  await berth.open(prefix);
  await expect(berth.row(web)).toBeVisible();
  await page.getByLabel('Filter containers').fill('');

  await page.keyboard.press('Control+k');
  const palette = page.getByRole('dialog', { name: 'Command palette' });
  await expect(palette).toBeVisible();
  await page.keyboard.type(web);
  await expect(palette.getByRole('option', { name: `Show ${web}` })).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(palette).toBeHidden();
  // The row is found (filter narrowed to it), focused, and its details open.
  await expect(page.getByRole('complementary', { name: `Container ${web}` })).toBeVisible();
  await expect(berth.row(web).getByRole('button', { name: web })).toHaveAttribute('aria-pressed', 'true');

  // A view by name: Learn, then Networks.
  for (const [view, hash] of [
    ['Learn', '#/learn'],
    ['Networks', '#/networks'],
  ] as const) {
    await page.keyboard.press('Control+k');
    await page.keyboard.type(view);
    await page.getByRole('option', { name: view, exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`${hash}$`));
  }

  // An action: the light theme.
  await page.keyboard.press('Control+k');
  await page.keyboard.type('light theme');
  await page.keyboard.press('Enter');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');

  // An action on a container: Stop, from anywhere.
  await page.keyboard.press('Control+k');
  await page.keyboard.type(`stop ${web}`);
  await expect(page.getByRole('option', { name: `Stop ${web}` })).toBeVisible();
  await page.keyboard.press('Enter');
  await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).not.toBe('INPUT');
  await berth.showContainers();
  await page.getByLabel('Filter containers').fill(web);
  await berth.expectRowState(web, /exited/i);
});

test('a table is one tab stop: / filters, arrows move between rows and buttons, Enter, s and Delete act', async ({ page }) => {
  const first = made.name('a');
  const second = made.name('b');
  runFixture(first);
  runFixture(second);
  const berth = new BerthPage(page);
  await berth.open('');
  await expect(page.getByRole('grid', { name: 'Containers' })).toBeVisible();

  await page.keyboard.press('/');
  await expect(page.getByLabel('Filter containers')).toBeFocused();
  await page.keyboard.type(prefix);
  await expect(berth.row(first)).toBeVisible();
  await expect(berth.row(second)).toBeVisible();

  // Down from the filter: into the list, on a row (not on one of its buttons).
  await page.keyboard.press('ArrowDown');
  expect(await focused(page)).toMatchObject({ role: 'row', inGrid: true });
  const start = (await focused(page)).label;
  await page.keyboard.press('ArrowDown');
  const next = await focused(page);
  expect(next.role).toBe('row');
  expect(next.label).not.toBe(start);
  await page.keyboard.press('ArrowUp');
  expect((await focused(page)).label).toBe(start);

  // Right: into the row's controls; Left back out to the row.
  await page.keyboard.press('ArrowRight');
  expect(await focused(page)).toMatchObject({ inGrid: true });
  expect((await focused(page)).role).not.toBe('row');
  await page.keyboard.press('ArrowLeft');
  expect(await focused(page)).toMatchObject({ role: 'row', label: start });

  // One tab stop: Tab leaves the grid at once (not seven stops per row).
  await page.keyboard.press('Tab');
  expect((await focused(page)).inGrid).toBe(false);
  await page.keyboard.press('Shift+Tab');
  expect(await focused(page)).toMatchObject({ role: 'row', label: start });

  // Move to `first` and act on it.
  if (start !== first) await page.keyboard.press(start === second ? 'ArrowDown' : 'ArrowUp');
  await berth.row(first).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('complementary', { name: `Container ${first}` })).toBeVisible();

  await berth.row(first).focus();
  await page.keyboard.press('s');
  await expect(page.getByRole('tab', { name: new RegExp(first) })).toBeVisible();

  await berth.row(second).focus();
  await page.keyboard.press('Delete');
  const confirm = page.getByRole('dialog', { name: new RegExp(`Remove.*${second}`) });
  await expect(confirm).toBeVisible();
  expect(containerExists(second)).toBe(true);
  await confirm.getByRole('button', { name: 'Remove', exact: true }).click();
  await expect.poll(() => containerExists(second)).toBe(false);
});

test('? shows every shortcut; Escape closes it', async ({ page }) => {
  const berth = new BerthPage(page);
  await berth.open('');
  await page.getByRole('heading', { name: 'Containers' }).click();
  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toBeVisible();
  for (const what of ['Command palette', "Filter the current view's list", 'Open a shell in the container', 'Remove (asks first)']) {
    await expect(help).toContainText(what);
  }
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();
});
