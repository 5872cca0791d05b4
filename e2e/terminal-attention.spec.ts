import { expect, test, type Page } from '@playwright/test';
import { docker, runFixture, specContainers } from './fixtures/docker-cli.js';
import { BerthPage } from './pages/berth-page.js';
import { terminalText } from './fixtures/terminal.js';

const shots = process.env.BERTH_SHOTS ?? '/tmp/berth-shots';
const prefix = 'berth-e2e-tx-';

const containers = specContainers(prefix);
const txName = containers.name;

/** A shell line that waits for `go(container, flag)` before running `then`: output starts when the test says, not after a guessed sleep. */
function afterGo(flag: string, then: string): string {
  return `until [ -e /berth-go-${flag} ]; do sleep 0.1; done; ${then}\n`;
}

function go(container: string, flag: string): void {
  docker('exec', container, 'touch', `/berth-go-${flag}`);
}

async function openShell(page: Page, berth: BerthPage, container: string): Promise<void> {
  await berth.button(berth.row(container), 'Open shell').click();
  await page.getByRole('region', { name: `Terminal ${container}`, exact: true }).click();
  await expect.poll(() => terminalText(page, container)).toMatch(/[#$] ?$/m);
}

test.describe('a terminal in the background asks for a look', () => {
  test.afterAll(() => containers.removeAll());

  test('a bell in a background tab shows a bell marker; new output shows a dot; showing the tab clears it', async ({ page }) => {
    const a = txName('ring-a');
    const b = txName('ring-b');
    runFixture(a);
    runFixture(b);
    const berth = new BerthPage(page);
    await berth.open(prefix);

    await openShell(page, berth, a);
    // Rings once the tab has gone to the background.
    await page.keyboard.type(afterGo('ring', "printf '\\a'"));
    await openShell(page, berth, b);
    go(a, 'ring');
    const tabA = page.getByRole('tab', { name: new RegExp(`^${a} · sh`) });
    const tabB = page.getByRole('tab', { name: new RegExp(`^${b} · sh`) });
    await expect(tabA).toHaveAccessibleName(/bell$/, { timeout: 10_000 });
    await expect(tabA.getByRole('img', { name: 'bell' })).toBeVisible();
    await expect(tabB).toHaveAccessibleName(`${b} · sh`);
    await page.getByRole('tablist', { name: 'Terminal sessions' }).screenshot({ path: `${shots}/term-tab-bell.png` });

    await tabA.click();
    await expect(tabA).toHaveAccessibleName(`${a} · sh`);
    await expect(tabA.getByRole('img')).toHaveCount(0);

    // Output (no bell) while hidden: a dot.
    await page.getByRole('region', { name: `Terminal ${a}`, exact: true }).click();
    await page.keyboard.type(afterGo('later', 'echo later-$((6*7))'));
    await tabB.click();
    await expect(tabA).toHaveAttribute('aria-selected', 'false');
    go(a, 'later');
    await expect(tabA).toHaveAccessibleName(/new output$/, { timeout: 10_000 });
    await page.getByRole('tablist', { name: 'Terminal sessions' }).screenshot({ path: `${shots}/term-tab-output.png` });
    await page.screenshot({ path: `${shots}/term-tab-markers.png` });
    await tabA.click();
    await expect(tabA).toHaveAccessibleName(`${a} · sh`);
    await expect.poll(() => terminalText(page, a)).toContain('later-42');
  });

  test('a flood of output in a background tab changes the tab strip once', async ({ page }) => {
    const a = txName('flood-a');
    const b = txName('flood-b');
    runFixture(a);
    runFixture(b);
    const berth = new BerthPage(page);
    await berth.open(prefix);
    await openShell(page, berth, a);
    // About 4 MB of `y` lines, starting once the tab is in the background and the strip is watched.
    await page.keyboard.type(afterGo('flood', 'yes | head -n 2000000; echo flood-$((5*5))'));
    await openShell(page, berth, b);
    await page.evaluate(() => {
      const strip = document.querySelector('[role="tablist"][aria-label="Terminal sessions"]');
      const counter = { mutations: 0 };
      (window as unknown as { __txStripMutations: typeof counter }).__txStripMutations = counter;
      new MutationObserver((records) => (counter.mutations += records.length)).observe(strip!, {
        subtree: true,
        childList: true,
        attributes: true,
        characterData: true,
      });
    });
    go(a, 'flood');
    const started = Date.now();
    await expect.poll(() => terminalText(page, a), { timeout: 120_000 }).toMatch(/^flood-25$/m);
    const seconds = (Date.now() - started) / 1000;
    const mutations = await page.evaluate(
      () => (window as unknown as { __txStripMutations: { mutations: number } }).__txStripMutations.mutations,
    );
    console.log(`[measure] ${mutations} tab-strip DOM mutations while a background tab printed 4 MB over ${seconds.toFixed(1)} s`);
    await expect(page.getByRole('tab', { name: new RegExp(`^${a} · sh`) })).toHaveAccessibleName(/new output$/);
    // The dot appearing is a couple of mutations; one per output chunk would be thousands.
    expect(mutations).toBeLessThanOrEqual(5);
  });
});
