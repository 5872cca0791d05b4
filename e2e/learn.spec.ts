import { AxeBuilder } from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { containerState, docker, fixtureImage, fixtureLabel } from './fixtures/docker-cli.js';
import { BerthPage } from './pages/berth-page.js';

// Lesson 1 done end to end as a user would: each step in Berth's UI or with the docker CLI in a
// terminal beside it, and each one passing only once the engine shows it was done.

const run = Math.random().toString(36).slice(2, 7);
// Not berth-e2e-…: other specs sweep that name (with the fixture label) from the shared engine when they end.
const prefix = `berth-learn-e2e-${run}`;
const base = `berth-learn-e2e-base-${run}:1`;
const registry = '127.0.0.1:5000';
const first = `${prefix}-first`;
const second = `${prefix}-second`;
const committed = `${prefix}/first:v2`;
const pushed = `${registry}/${committed}`;
const lessonLabel = 'berth.lesson=images';

function exists(kind: 'container' | 'image', ref: string): boolean {
  try {
    docker(kind, 'inspect', ref);
    return true;
  } catch {
    return false;
  }
}

function removeLeftovers(): void {
  for (const c of [first, second]) if (exists('container', c)) docker('rm', '-f', c);
  for (const i of [pushed, committed, base]) if (exists('image', i)) docker('rmi', i);
}

const step = (page: Page, id: string): Locator => page.locator(`li[data-step="${id}"]`);

async function expectDone(page: Page, id: string): Promise<void> {
  await expect(step(page, id).locator('.learn-step-status')).toHaveText('Done');
}

async function expectCurrent(page: Page, id: string): Promise<void> {
  await expect(step(page, id)).toHaveAttribute('aria-current', 'step');
}

/** Presses Check on the current step and waits for the engine's answer. */
async function check(page: Page, id: string): Promise<void> {
  await step(page, id).getByRole('button', { name: 'Check', exact: true }).click();
  // Answered: the button says Check again, or is gone because the step passed.
  await expect(step(page, id).getByRole('button', { name: 'Checking…' })).toHaveCount(0);
}

async function setting(page: Page, label: RegExp, value: string): Promise<void> {
  const input = page.getByRole('group', { name: 'Lesson settings' }).getByLabel(label);
  await input.fill(value);
  await input.press('Enter');
}

test.describe('Learn: lesson 1 against the real engine', () => {
  test.beforeAll(() => removeLeftovers());
  test.afterAll(() => removeLeftovers());

  test('completes "Images and containers" step by step; a step not really done never passes', async ({ page }) => {
    test.setTimeout(120_000);
    const berth = new BerthPage(page);
    await berth.open('');
    await page.getByRole('link', { name: 'Learn' }).click();
    await expect(page.getByRole('heading', { name: 'Learn', level: 1 })).toBeVisible();
    await page.getByRole('button', { name: 'Start Images and containers' }).click();

    await setting(page, /^Image/, base);
    await setting(page, /^Names start with/, prefix);
    await setting(page, /^Registry/, registry);

    // 1. Get an image: not there yet, so Check says so; a pull (here a tag, offline) makes it pass on the engine's event.
    await expectCurrent(page, 'get-image');
    await check(page, 'get-image');
    await expect(step(page, 'get-image')).toContainText(`The engine has no image ${base} yet`);
    await expectCurrent(page, 'get-image');
    docker('tag', fixtureImage, base);
    await expectDone(page, 'get-image');

    // 2. Run it with a shell. Without -it the shell ends at once and the step says why it does not pass.
    await expectCurrent(page, 'run-it');
    docker('run', '-d', '--name', first, '--label', lessonLabel, '--label', fixtureLabel, base, 'sh');
    await check(page, 'run-it');
    await expect(step(page, 'run-it')).toContainText(/without -it|should be running/);
    await expectCurrent(page, 'run-it');
    docker('rm', '-f', first);
    // The command the step shows, with the test's own label added (-d: no terminal is attached here).
    await expect(step(page, 'run-it')).toContainText(`docker run -it --name ${first} --label ${lessonLabel} ${base} sh`);
    // sh as PID 1 ignores SIGTERM: a short stop timeout keeps Stop quick (test only).
    docker('run', '-dit', '--name', first, '--label', lessonLabel, '--label', fixtureLabel, '--stop-timeout', '1', base, 'sh');
    await expectDone(page, 'run-it');

    // 3. Change something inside: nothing yet, then the file, as typed in its shell.
    await expectCurrent(page, 'make-file');
    await check(page, 'make-file');
    await expect(step(page, 'make-file')).toContainText('does not list /hello.txt yet');
    docker('exec', first, 'sh', '-c', 'echo hello > /hello.txt');
    // docker exec is itself a container event, which may already have re-checked the step.
    if (await step(page, 'make-file').getByRole('button', { name: 'Check', exact: true }).isVisible()) await check(page, 'make-file');
    await expectDone(page, 'make-file');

    // 4. Leave the shell: Stop in the Containers view ends the shell as exit would.
    await expectCurrent(page, 'leave');
    await check(page, 'leave');
    await expect(step(page, 'leave')).toContainText('should have exited');
    await berth.showContainers();
    await page.getByLabel('Filter containers').fill(prefix);
    await berth.button(berth.row(first), 'Stop').click();
    await berth.expectRowState(first, /exited/i);
    await page.getByRole('link', { name: 'Learn' }).click();
    await expectDone(page, 'leave');

    // 5. Run the image again: a second container whose layer starts without the file.
    await expectCurrent(page, 'run-again');
    docker('run', '-dit', '--name', second, '--label', lessonLabel, '--label', fixtureLabel, base, 'sh');
    await expectDone(page, 'run-again');

    // 6. Start the first container again (Start in the Containers view): the file is back.
    await expectCurrent(page, 'start-first');
    await berth.showContainers();
    await page.getByLabel('Filter containers').fill(prefix);
    await berth.button(berth.row(first), 'Start').click();
    await berth.expectRowState(first, /running/i);
    await page.getByRole('link', { name: 'Learn' }).click();
    await expectDone(page, 'start-first');
    expect(containerState(first)).toBe('running');

    // 7. Save it as an image.
    await expectCurrent(page, 'commit');
    await check(page, 'commit');
    await expect(step(page, 'commit')).toContainText(`The engine has no image ${committed} yet`);
    docker('commit', first, committed);
    await expectDone(page, 'commit');
    await expect(page.getByRole('status').filter({ hasText: 'Lesson complete' })).toBeVisible();

    // 8. (optional) Push it to the local registry.
    await expectCurrent(page, 'push');
    docker('tag', committed, pushed);
    await check(page, 'push');
    await expect(step(page, 'push')).toContainText('has not been pushed');
    docker('push', pushed);
    if (await step(page, 'push').getByRole('button', { name: 'Check', exact: true }).isVisible()) await check(page, 'push');
    await expectDone(page, 'push');
    await expect(page.getByLabel('Progress')).toHaveText('8 of 8 steps done');

    // Progress is saved in this browser: a reload shows the lesson complete.
    await page.reload();
    await expect(page.getByLabel('Progress of Images and containers')).toHaveText('Complete');
    await page.getByRole('button', { name: 'Review Images and containers' }).click();

    // Clean up lists exactly what the lesson made, and removes it after the confirmation.
    await page.getByRole('button', { name: 'Clean up…' }).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog.getByRole('list', { name: 'Containers to remove' }).getByRole('listitem')).toHaveText([
      new RegExp(first),
      new RegExp(second),
    ]);
    await expect(dialog.getByRole('list', { name: 'Images to remove' })).toContainText(committed);
    await expect(dialog.getByRole('list', { name: 'Images to remove' })).toContainText(pushed);
    await expect(dialog).not.toContainText(base);
    await dialog.getByRole('button', { name: /Remove 4 objects/ }).click();
    await expect(dialog).toContainText('4 objects removed');
    expect(exists('container', first)).toBe(false);
    expect(exists('container', second)).toBe(false);
    expect(exists('image', committed)).toBe(false);
    expect(exists('image', base)).toBe(true);
  });

  test('the lesson list, a lesson and its clean-up dialog have no serious accessibility violation', async ({ page }) => {
    const serious = async (): Promise<string[]> =>
      (await new AxeBuilder({ page }).analyze()).violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
    await new BerthPage(page).open('');
    await page.getByRole('link', { name: 'Learn' }).click();
    await expect(page.getByRole('list', { name: 'Lessons' })).toBeVisible();
    expect(await serious()).toEqual([]);
    await page.getByRole('button', { name: /Robotics/ }).click();
    await expect(page.getByRole('list', { name: 'Steps' })).toBeVisible();
    expect(await serious()).toEqual([]);
    await page.getByRole('button', { name: 'Clean up…' }).click();
    await expect(page.getByRole('dialog')).toBeVisible();
    expect(await serious()).toEqual([]);
  });
});
