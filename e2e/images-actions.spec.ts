import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { docker, fixtureImage } from './fixtures/docker-cli.js';
import { BerthPage } from './pages/berth-page.js';

const shots = '/tmp/berth-shots';
const rand = Math.random().toString(36).slice(2, 8);
const pushRef = `127.0.0.1:5000/berth-e2e/busybox:${rand}`;
const buildTag = `berth-e2e/build:${rand}`;
const uniqueRef = `127.0.0.1:5000/berth-e2e/layered:${rand}`;
const builtIds = new Set<string>();

function tryDocker(...args: string[]): string | undefined {
  try {
    return docker(...args);
  } catch {
    return undefined;
  }
}

function recordBuilt(): void {
  const id = tryDocker('image', 'inspect', '--format', '{{.Id}}', buildTag);
  if (id) builtIds.add(id);
}

async function openImages(page: Page, filter: string): Promise<BerthPage> {
  const berth = new BerthPage(page);
  await berth.open('');
  await berth.showImages();
  await berth.filterImages(filter);
  return berth;
}

/** The strip at the bottom lists each action as its docker command. */
function activity(page: Page) {
  return page.getByRole('log', { name: 'Recent actions as docker commands' });
}

/** Pushes an image with one layer of its own to the open registry, then removes it locally. */
function pushUniqueImage(): void {
  const dir = mkdtempSync(join(tmpdir(), 'berth-e2e-layer-'));
  writeFileSync(join(dir, 'Dockerfile'), `FROM ${fixtureImage}\nRUN echo ${rand}-${Date.now()} > /unique\n`);
  docker('build', '-q', '-t', uniqueRef, dir);
  docker('push', '-q', uniqueRef);
  docker('rmi', uniqueRef);
}

test.describe('image actions against the real engine and registries', () => {
  test.beforeAll(() => pushUniqueImage());
  test.afterAll(() => {
    tryDocker('rmi', '-f', uniqueRef);
    tryDocker('rmi', '-f', pushRef);
    tryDocker('rmi', '-f', buildTag);
    for (const id of builtIds) tryDocker('rmi', '-f', id);
    tryDocker('logout', '127.0.0.1:5001');
  });

  test('tag the fixture for the local registry, push it, remove it, pull it back with per-layer progress, untag', async ({ page }) => {
    const berth = await openImages(page, fixtureImage);
    await berth.row(fixtureImage).getByRole('button', { name: 'Tag', exact: true }).click();
    const tagDialog = page.getByRole('dialog', { name: `Tag ${fixtureImage}` });
    await tagDialog.getByLabel('New reference (repository:tag)').fill(pushRef);
    await tagDialog.getByRole('button', { name: 'Add tag' }).click();
    await expect(tagDialog).toBeHidden();
    await expect(activity(page)).toContainText(`docker tag ${fixtureImage} ${pushRef}`);

    await berth.filterImages(`berth-e2e/busybox:${rand}`);
    const row = berth.row(pushRef);
    await expect(row).toBeVisible();

    // Push: a card with an overall bar and one bar per layer, then done.
    await row.getByRole('button', { name: 'Push', exact: true }).click();
    const pushCard = page.getByRole('article', { name: `Push ${pushRef}` });
    await expect(pushCard).toBeVisible();
    await expect(pushCard.getByRole('progressbar', { name: `Push ${pushRef} overall` })).toBeVisible();
    await expect(pushCard.getByRole('status')).toHaveText('Done', { timeout: 30_000 });
    await expect(pushCard.getByRole('progressbar', { name: `Push ${pushRef} overall` })).toHaveAttribute('aria-valuenow', '100');
    await expect(
      pushCard
        .getByRole('list', { name: `Layers of ${pushRef}` })
        .getByRole('listitem')
        .first(),
    ).toBeVisible();
    await expect(pushCard).toContainText(/Pushed|Already exists|Complete/);
    await expect(activity(page)).toContainText(`docker push ${pushRef}`);
    await page.screenshot({ path: `${shots}/images-push.png` });

    // Remove the local reference: asks first.
    await row.getByRole('button', { name: 'Remove', exact: true }).click();
    const removeDialog = page.getByRole('dialog', { name: `Remove image ${pushRef}?` });
    await expect(removeDialog).toContainText(`docker rmi ${pushRef}`);
    await removeDialog.getByRole('button', { name: 'Remove', exact: true }).click();
    await expect(removeDialog).toBeHidden();
    await expect(row).toHaveCount(0);
    expect(tryDocker('image', 'inspect', pushRef)).toBeUndefined();

    // Pull it back. The fixture still holds its layers, so the engine transfers none and says so.
    await page.getByRole('button', { name: 'Pull…' }).click();
    const pullForm = page.getByRole('form', { name: 'Pull an image' });
    await pullForm.getByLabel('Image reference').fill(pushRef);
    await pullForm.getByRole('button', { name: 'Pull', exact: true }).click();
    const pullCard = page.getByRole('article', { name: `Pull ${pushRef}` });
    await expect(pullCard.getByRole('status')).toHaveText('Done', { timeout: 30_000 });
    await expect(pullCard).toContainText(/already had them all|Already exists/);
    await expect(row).toBeVisible();
    await expect(activity(page)).toContainText(`docker pull ${pushRef}`);

    // An image with a layer of its own, gone locally: its pull shows a bar per layer.
    await pullForm.getByLabel('Image reference').fill(uniqueRef);
    await pullForm.getByRole('button', { name: 'Pull', exact: true }).click();
    const uniqueCard = page.getByRole('article', { name: `Pull ${uniqueRef}` });
    await expect(uniqueCard.getByRole('status')).toHaveText('Done', { timeout: 30_000 });
    const layers = uniqueCard.getByRole('list', { name: `Layers of ${uniqueRef}` }).getByRole('listitem');
    const fixtureLayers = Number(docker('image', 'inspect', '--format', '{{len .RootFS.Layers}}', fixtureImage));
    await expect(layers).toHaveCount(fixtureLayers + 1);
    await expect(uniqueCard).toContainText('Already exists');
    await expect(uniqueCard).toContainText('Complete');
    for (const layer of await layers.all()) await expect(layer.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '100');
    await page.screenshot({ path: `${shots}/images-pull.png` });

    // A pull of a tag the registry does not have says so in its card.
    const missing = `127.0.0.1:5000/berth-e2e/busybox:missing-${rand}`;
    await page.getByRole('form', { name: 'Pull an image' }).getByLabel('Image reference').fill(missing);
    await page.getByRole('form', { name: 'Pull an image' }).getByRole('button', { name: 'Pull', exact: true }).click();
    const missingCard = page.getByRole('article', { name: `Pull ${missing}` });
    await expect(missingCard.getByRole('status')).toHaveText('Failed', { timeout: 30_000 });
    await expect(missingCard.getByRole('alert')).toContainText(/not found|manifest unknown|no such/i);
    // A registry nobody listens on: the card says it could not be reached.
    const nowhere = `127.0.0.1:5999/berth-e2e/busybox:${rand}`;
    await page.getByRole('form', { name: 'Pull an image' }).getByLabel('Image reference').fill(nowhere);
    await page.getByRole('form', { name: 'Pull an image' }).getByRole('button', { name: 'Pull', exact: true }).click();
    const nowhereCard = page.getByRole('article', { name: `Pull ${nowhere}` });
    await expect(nowhereCard.getByRole('status')).toHaveText('Failed', { timeout: 30_000 });
    await expect(nowhereCard.getByRole('alert')).toContainText('could not be reached');
    // An invalid reference fails in its card too.
    await page.getByRole('form', { name: 'Pull an image' }).getByLabel('Image reference').fill('Bad Name');
    await page.getByRole('form', { name: 'Pull an image' }).getByRole('button', { name: 'Pull', exact: true }).click();
    await expect(page.getByRole('article', { name: 'Pull Bad Name' }).getByRole('alert')).toContainText(/spaces|invalid/i);
    await page.screenshot({ path: `${shots}/images-pull-errors.png` });

    // Untag: the fixture keeps its image.
    await row.getByRole('button', { name: 'Remove', exact: true }).click();
    await page
      .getByRole('dialog', { name: `Remove image ${pushRef}?` })
      .getByRole('button', { name: 'Remove', exact: true })
      .click();
    await expect(row).toHaveCount(0);
    expect(tryDocker('image', 'inspect', fixtureImage)).toBeDefined();
  });

  test('selecting an image shows its layers, relations and a readable inspect', async ({ page }) => {
    const berth = await openImages(page, fixtureImage);
    await berth.row(fixtureImage).getByRole('button', { name: 'berth-fixture/busybox' }).click();
    const pane = page.getByRole('complementary', { name: `Image ${fixtureImage}` });
    await expect(pane).toBeVisible();
    await expect(pane.getByRole('list', { name: 'Layers' }).getByRole('listitem').first()).toBeVisible();
    await expect(pane).toContainText('Total');
    await page.screenshot({ path: `${shots}/images-detail-layers.png` });
    await pane.getByRole('tab', { name: 'Relations' }).click();
    await expect(pane).toContainText('Containers made from it');
    await pane.getByRole('tab', { name: 'Inspect' }).click();
    await expect(pane).toContainText('Entrypoint');
    await expect(pane).toContainText('Platform');
    await pane.getByText('Full inspect JSON').click();
    await expect(pane.locator('pre')).toContainText('"Architecture"');
    await page.screenshot({ path: `${shots}/images-detail-inspect.png` });
  });

  test('layer files of the newest layer; removing an image a container uses shows the refusal and offers Force remove', async ({
    page,
  }) => {
    if (!tryDocker('image', 'inspect', uniqueRef)) docker('pull', '-q', uniqueRef);
    const imageId = docker('image', 'inspect', '--format', '{{.Id}}', uniqueRef);
    const containerName = `berth-e2e-inuse-${rand}`;
    docker('create', '--name', containerName, '--label', 'berth.test-fixture=true', uniqueRef, 'true');
    try {
      const berth = await openImages(page, `berth-e2e/layered:${rand}`);
      const row = berth.row(uniqueRef);
      await row.getByRole('button', { name: '127.0.0.1:5000/berth-e2e/layered' }).click();
      const pane = page.getByRole('complementary', { name: `Image ${uniqueRef}` });
      await expect(pane.getByRole('list', { name: 'Layers' }).getByRole('listitem').first()).toContainText('echo');
      await pane.getByRole('button', { name: 'files' }).first().click();
      const files = pane.getByRole('region', { name: 'Layer files' });
      await expect(files).toContainText('unique', { timeout: 20_000 });
      await page.screenshot({ path: `${shots}/images-layer-files.png` });
      await pane.getByRole('tab', { name: 'Relations' }).click();
      await expect(pane.getByRole('list', { name: 'Containers made from it' })).toContainText(containerName);
      await expect(pane.getByRole('list', { name: 'Base images' })).toContainText(fixtureImage);

      await row.getByRole('button', { name: 'Remove', exact: true }).click();
      const dialog = page.getByRole('dialog', { name: `Remove image ${uniqueRef}?` });
      await dialog.getByRole('button', { name: 'Remove', exact: true }).click();
      await expect(dialog.getByRole('alert')).toContainText(/container .* is using/i);
      await expect(dialog).toContainText(`docker rmi --force ${uniqueRef}`);
      await page.screenshot({ path: `${shots}/images-remove-refused.png` });
      await dialog.getByRole('button', { name: 'Force remove' }).click();
      await expect(dialog).toBeHidden();
      await expect(row).toHaveCount(0);
      await expect(activity(page)).toContainText(`docker rmi --force ${uniqueRef}`);
    } finally {
      tryDocker('rm', '-f', containerName);
      tryDocker('rmi', '-f', imageId);
    }
  });

  test('prune shows what would go and the space it gives back before anything is removed', async ({ page }) => {
    await openImages(page, '');
    await page.getByRole('button', { name: 'Prune…' }).click();
    const panel = page.getByRole('region', { name: 'Prune dangling images' });
    await expect(panel.getByRole('status')).toContainText(/would go, giving back|Nothing to prune/);
    await expect(activity(page)).toContainText('docker images --filter dangling=true');
    await page.screenshot({ path: `${shots}/images-prune-preview.png` });
    // Not confirmed here: the engine is shared, and a prune would remove dangling images that are not ours.
    await panel.getByRole('button', { name: 'Cancel' }).click();
    await expect(panel).toBeHidden();
  });

  test('registry login: a wrong password is refused with the reason, the right one is kept, then log out', async ({ page }) => {
    await openImages(page, '');
    await page.getByRole('button', { name: 'Registries' }).click();
    const form = page.getByRole('form', { name: 'Log in to a registry' });
    await form.getByLabel('Server').fill('127.0.0.1:5001');
    await form.getByLabel('Username').fill('berth');
    await form.getByLabel('Password').fill('not-the-password');
    await form.getByRole('button', { name: 'Log in' }).click();
    const panel = page.getByRole('region', { name: 'Registries' });
    await expect(panel.getByRole('alert')).toContainText(/Login failed/, { timeout: 20_000 });
    await expect(panel.getByRole('listitem', { name: 'Account 127.0.0.1:5001' })).toHaveCount(0);
    await page.screenshot({ path: `${shots}/images-login-error.png` });

    await form.getByLabel('Password').fill('berth-secret');
    await form.getByRole('button', { name: 'Log in' }).click();
    const account = panel.getByRole('listitem', { name: 'Account 127.0.0.1:5001' });
    await expect(account).toBeVisible({ timeout: 20_000 });
    await expect(account).toContainText('berth');
    await expect(panel).not.toContainText('berth-secret');
    await expect(activity(page)).toContainText('docker login --username berth --password-stdin 127.0.0.1:5001');
    await page.screenshot({ path: `${shots}/images-login.png` });

    await account.getByRole('button', { name: 'Log out of 127.0.0.1:5001' }).click();
    await expect(
      panel.getByRole('listitem', { name: 'Account 127.0.0.1:5001' }).filter({ hasText: 'logged in through Berth' }),
    ).toHaveCount(0);
  });

  test('build from a Dockerfile in the context with a build arg and a target stage', async ({ page }) => {
    const context = mkdtempSync(join(tmpdir(), 'berth-e2e-build-'));
    writeFileSync(
      join(context, 'Dockerfile.custom'),
      `FROM ${fixtureImage} AS base\nARG GREETING=hi\nRUN echo "$GREETING" > /greeting\nFROM base AS broken\nRUN false\n`,
    );
    const tag = `berth-e2e/target:${rand}`;
    try {
      await openImages(page, '');
      await page.getByRole('button', { name: 'Build…' }).click();
      const panel = page.getByRole('region', { name: 'Build an image' });
      await panel.getByLabel('Context folder (on the machine Berth runs on)').fill(context);
      await panel.getByRole('textbox', { name: 'Tag', exact: true }).fill(tag);
      await panel.getByLabel('A file in the context').check();
      await panel.getByLabel('Dockerfile path (relative to the context, or absolute)').fill('Dockerfile.custom');
      await panel.getByLabel('Build args (NAME=value per line)').fill(`GREETING=hello-${rand}`);
      await panel.getByRole('textbox', { name: 'Target stage' }).fill('base');
      await panel.getByRole('button', { name: 'Build', exact: true }).click();
      await expect(panel.getByRole('status', { name: 'Build status' })).toContainText('Built', { timeout: 60_000 });
      await expect(panel.getByRole('list', { name: 'Build steps' }).getByRole('listitem', { name: 'Step 3' })).toContainText('line 3');
      await expect(activity(page)).toContainText(
        `docker build -t ${tag} -f Dockerfile.custom --build-arg GREETING=hello-${rand} --target base --force-rm ${context}`,
      );
      expect(docker('run', '--rm', tag, 'cat', '/greeting')).toBe(`hello-${rand}`);
      await page.screenshot({ path: `${shots}/images-build-file.png` });
    } finally {
      tryDocker('rmi', '-f', tag);
    }
  });

  test('build from an inline Dockerfile: rebuild is cached, a changed line reruns, a failing RUN highlights its line', async ({ page }) => {
    test.setTimeout(120_000);
    const context = mkdtempSync(join(tmpdir(), 'berth-e2e-build-'));
    await openImages(page, '');
    await page.getByRole('button', { name: 'Build…' }).click();
    const panel = page.getByRole('region', { name: 'Build an image' });
    await panel.getByLabel('Context folder (on the machine Berth runs on)').fill(context);
    await panel.getByRole('textbox', { name: 'Tag', exact: true }).fill(buildTag);
    const editor = panel.getByRole('textbox', { name: 'Dockerfile' });
    await editor.fill(`FROM ${fixtureImage}\nRUN echo a > /a\nRUN echo b > /b\n`);
    const status = panel.getByRole('status', { name: 'Build status' });
    const line = (n: number) =>
      panel.getByRole('list', { name: 'Build result per line' }).getByRole('listitem', { name: `Line ${n}`, exact: true });
    const build = () => panel.getByRole('button', { name: 'Build', exact: true }).click();

    await build();
    await expect(status).toContainText('Built', { timeout: 60_000 });
    recordBuilt();
    await expect(activity(page)).toContainText(`docker build -t ${buildTag} -f - --force-rm ${context}`);

    await build();
    await expect(status).toContainText(/Built .* 2 of 3 steps cached|Built .* 3 of 3 steps cached/, { timeout: 60_000 });
    await expect(status).toContainText('every step that can be');
    await expect(line(2)).toContainText('cached');
    await expect(line(3)).toContainText('cached');
    await expect(panel).toContainText('The build cache:');
    await page.screenshot({ path: `${shots}/images-build-cached.png` });

    await editor.fill(`FROM ${fixtureImage}\nRUN echo a > /a\nRUN echo c-${rand} > /b\n`);
    await build();
    await expect(status).toContainText('Built', { timeout: 60_000 });
    recordBuilt();
    await expect(line(2)).toContainText('cached');
    await expect(line(3)).toContainText(/^ran/);
    await expect(line(3)).toContainText(/\d+(\.\d)? m?s/);
    await page.screenshot({ path: `${shots}/images-build-changed.png` });

    await editor.fill(`FROM ${fixtureImage}\nRUN echo a > /a\nRUN false\n`);
    await build();
    const error = panel.getByRole('alert');
    await expect(error).toContainText('Line 3 failed', { timeout: 60_000 });
    await expect(line(3)).toContainText('failed');
    await expect(line(3)).toHaveClass(/editor-mark--error/);
    await expect(line(2)).toContainText('cached');
    await page.screenshot({ path: `${shots}/images-build-failed.png` });

    // A long step can be cancelled: the build stops and says so.
    await editor.fill(`FROM ${fixtureImage}\nRUN echo a > /a\nRUN sleep 30 # ${rand}\n`);
    await build();
    await expect(line(3)).toContainText('running…', { timeout: 20_000 });
    await panel.getByRole('button', { name: 'Cancel build' }).click();
    await expect(status).toContainText('Build cancelled.');
    await expect(activity(page)).toContainText('cancelled');
  });
});
