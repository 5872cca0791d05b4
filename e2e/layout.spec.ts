import { expect, test, type Locator, type Page } from '@playwright/test';
import { docker, fixtureImage, fixtureLabel, runFixture, specContainers } from './fixtures/docker-cli.js';
import { BerthPage } from './pages/berth-page.js';

/**
 * Layout at the two window sizes of issue 15 item 5, checked by bounding boxes: named elements do
 * not overlap, long names are cut with an ellipsis and whole in their title, the terminal dock
 * leaves the list's rows, and the detail pane leaves the list its name, image and state.
 */
const shots = process.env.BERTH_SHOTS ?? '/tmp/berth-shots';
const sizes = [
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
] as const;

const made = specContainers('berth-e2e-layout-');
const longName = made.name('a-name-far-too-long-for-any-column-of-the-list-at-either-size');
const stoppedName = made.name('stopped');

type Box = { x: number; y: number; width: number; height: number };

async function box(locator: Locator): Promise<Box> {
  const b = await locator.boundingBox();
  if (!b) throw new Error(`no box for ${locator.toString()}`);
  return b;
}

function overlaps(a: Box, b: Box): boolean {
  // Half a pixel of slack: neighbours that touch do not overlap.
  return a.x + a.width > b.x + 0.5 && b.x + b.width > a.x + 0.5 && a.y + a.height > b.y + 0.5 && b.y + b.height > a.y + 0.5;
}

async function expectApart(page: Page, named: Record<string, Locator>): Promise<void> {
  const entries = await Promise.all(Object.entries(named).map(async ([name, l]) => [name, await box(l)] as const));
  for (let i = 0; i < entries.length; i++) {
    for (let j = i + 1; j < entries.length; j++) {
      const [a, boxA] = entries[i]!;
      const [b, boxB] = entries[j]!;
      expect(
        overlaps(boxA, boxB),
        `${a} ${JSON.stringify(boxA)} overlaps ${b} ${JSON.stringify(boxB)} at ${page.viewportSize()?.width}px`,
      ).toBe(false);
    }
  }
}

/** Cut by CSS (its text is wider than its box, with an ellipsis) and whole in its title. */
async function expectCutWithTitle(locator: Locator, whole: string): Promise<void> {
  const { cut, ellipsis } = await locator.evaluate((el) => ({
    cut: el.scrollWidth > el.clientWidth,
    ellipsis: getComputedStyle(el).textOverflow === 'ellipsis',
  }));
  expect(cut).toBe(true);
  expect(ellipsis).toBe(true);
  await expect(locator).toHaveAttribute('title', new RegExp(whole.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
}

/** Every cell's content starts inside its own cell: none runs into the cell before it. */
async function expectCellsApart(row: Locator): Promise<void> {
  const spills = await row.evaluate((el) =>
    [...el.querySelectorAll<HTMLElement>(':scope > [role="gridcell"]')].flatMap((cell, i) => {
      const left = cell.getBoundingClientRect().left;
      // Right-aligned content (the action buttons) spills leftwards when its column is too narrow.
      return [...cell.querySelectorAll<HTMLElement>('*')]
        .map((inner) => inner.getBoundingClientRect())
        .filter((r) => r.width > 0 && r.left < left - 0.5)
        .map((r) => `cell ${i}: content starts at ${r.left}, the cell at ${left}`);
    }),
  );
  expect(spills).toEqual([]);
}

test.describe('layout at 1280×800 and 1920×1080', () => {
  test.beforeAll(() => {
    runFixture(longName);
    docker('create', '--name', stoppedName, '--label', fixtureLabel, fixtureImage, 'true');
  });
  test.afterAll(() => made.removeAll());

  for (const size of sizes) {
    test.describe(`${size.width}×${size.height}`, () => {
      test.use({ viewport: size });

      test('the list and the detail pane: no overlaps, names cut and whole on hover, name/image/state kept', async ({ page }) => {
        const berth = new BerthPage(page);
        await berth.open('berth-e2e-layout-');
        const row = berth.row(longName);
        await expect(row).toBeVisible();
        await expectCutWithTitle(row.getByRole('button', { name: longName, exact: true }), longName);

        await berth.row(stoppedName).getByRole('button', { name: stoppedName, exact: true }).click();
        const pane = page.getByRole('complementary', { name: `Container ${stoppedName}` });
        await expect(pane).toBeVisible();
        const grid = page.getByRole('grid').first();
        for (const header of ['Name', 'Image', 'State'])
          await expect(grid.getByRole('columnheader', { name: header, exact: true })).toBeVisible();
        const gridBox = await box(grid);
        const paneBox = await box(pane);
        expect(gridBox.x + gridBox.width).toBeLessThanOrEqual(paneBox.x);
        await expect(row.getByText(fixtureImage, { exact: true })).toHaveAttribute('title', fixtureImage);
        // A row's cells (stats, status, the action buttons) keep inside their columns.
        await expectCellsApart(row);
        await expectCellsApart(berth.row(stoppedName));
        // The header: state and actions apart from the name and from each other.
        await expectApart(page, {
          name: pane.getByRole('heading', { name: stoppedName }),
          state: pane.locator('.cd-detail-title .badge'),
          close: pane.getByRole('button', { name: /close/i }).first(),
          start: pane.getByRole('button', { name: 'Start', exact: true }),
          stop: pane.getByRole('button', { name: 'Stop', exact: true }),
        });
        // Every tab is on screen inside the pane, none cut off at its edge.
        for (const tab of await pane.getByRole('tab').all()) {
          const b = await box(tab);
          expect(b.x + b.width).toBeLessThanOrEqual(paneBox.x + paneBox.width);
        }

        await row.getByRole('button', { name: longName, exact: true }).click();
        const longPane = page.getByRole('complementary', { name: `Container ${longName}` });
        await expectCutWithTitle(longPane.getByRole('heading', { name: longName }), longName);
        await longPane.getByRole('button', { name: 'Rename', exact: true }).click();
        const save = longPane.getByRole('button', { name: 'Save name' });
        const cancel = longPane.getByRole('button', { name: 'Cancel', exact: true });
        await expectApart(page, {
          input: longPane.getByLabel('New name'),
          save,
          cancel,
          state: longPane.locator('.cd-detail-title .badge'),
          close: longPane.getByRole('button', { name: /close/i }).first(),
        });
        // Input, Save and Cancel on one line: Cancel does not wrap under the others.
        const [saveBox, cancelBox] = [await box(save), await box(cancel)];
        expect(Math.abs(saveBox.y - cancelBox.y)).toBeLessThan(2);
        await page.screenshot({ path: `${shots}/layout-${size.width}-rename.png` });
        await cancel.click();
      });

      test('the terminal dock, dragged as tall as it goes, leaves the list its first rows; the exit badge stays on one line', async ({
        page,
      }) => {
        const berth = new BerthPage(page);
        await berth.open('berth-e2e-layout-');
        const row = berth.row(longName);
        await berth.button(row, 'Open shell').click();
        const dock = page.getByRole('region', { name: 'Terminals' });
        const resize = page.getByRole('separator', { name: 'Resize terminals' });
        await expect(resize).toBeVisible();
        for (let i = 0; i < 40; i++) await resize.press('ArrowUp');
        await expect(resize).toHaveAttribute('aria-valuenow', '900');

        await expect(row).toBeVisible();
        const dockTop = (await box(dock)).y;
        const first = await box(row);
        expect(first.y + first.height).toBeLessThanOrEqual(dockTop);
        // Room for about three rows: the list's body reaches at least three row-heights down.
        const body = await box(page.getByRole('grid').first().getByRole('rowgroup').nth(1));
        expect(body.y + body.height).toBeLessThanOrEqual(dockTop);
        expect(body.height).toBeGreaterThanOrEqual(3 * first.height - 1);

        await page
          .getByRole('region', { name: new RegExp(`^Terminal ${longName}`) })
          .first()
          .click();
        await page.keyboard.type('exit 7\n');
        const tab = page.getByRole('tab').first();
        await expect(tab).toContainText('exit 7');
        const badge = tab.getByText('exit 7', { exact: true });
        const [tabBox, badgeBox] = [await box(tab), await box(badge)];
        expect(badgeBox.height).toBeLessThan(20);
        expect(badgeBox.x + badgeBox.width).toBeLessThanOrEqual(tabBox.x + tabBox.width);
        await page.screenshot({ path: `${shots}/layout-${size.width}-dock.png` });
      });

      test('the build form: the Dockerfile choice and the flags do not overlap', async ({ page }) => {
        const berth = new BerthPage(page);
        await berth.open('');
        await berth.showImages();
        await page
          .getByRole('button', { name: /^Build/ })
          .first()
          .click();
        const form = page.getByRole('region', { name: 'Build an image' });
        await expectApart(page, {
          writeHere: form.getByText('Write it here'),
          fileInContext: form.getByText('A file in the context'),
          noCache: form.getByText('No cache'),
          pull: form.getByText('Pull newer base images'),
          build: form.getByRole('button', { name: 'Build', exact: true }),
          close: form.getByRole('button', { name: 'Close', exact: true }),
        });
        await page.screenshot({ path: `${shots}/layout-${size.width}-build.png` });
      });
    });
  }
});
