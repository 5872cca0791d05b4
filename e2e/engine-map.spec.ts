import { expect, test, type Page } from '@playwright/test';
import { docker, fixtureImage, fixtureLabel } from './fixtures/docker-cli.js';
import { BerthPage } from './pages/berth-page.js';

const shots = '/tmp/berth-shots';
const rand = Math.random().toString(36).slice(2, 7);
// Not berth-e2e-: other specs sweep that prefix while this one runs.
const repo = `berth-h6-map-${rand}`;
/** Every image this spec commits carries it, so clean-up removes exactly those. */
const imageLabel = `berth.e2e-map=${rand}`;
const madeContainers = new Set<string>();

function tryDocker(...args: string[]): string | undefined {
  try {
    return docker(...args);
  } catch {
    return undefined;
  }
}

/** A stopped fixture container that ran `script` (its writable layer holds what it wrote). */
function ranContainer(what: string, script: string, image = fixtureImage): string {
  const name = `${repo}-${what}`;
  madeContainers.add(name);
  docker('run', '--name', name, '--label', fixtureLabel, image, 'sh', '-c', script);
  return name;
}

function commit(container: string, tag: string, label = ''): void {
  docker('commit', '--change', `LABEL ${imageLabel}`, ...(label ? ['--change', `LABEL n=${label}`] : []), container, `${repo}:${tag}`);
}

async function openMap(page: Page, filter: string): Promise<void> {
  await new BerthPage(page).open('');
  await page.getByRole('link', { name: /^Engine map/ }).click();
  await expect(page.getByRole('heading', { name: 'Engine map', level: 1 })).toBeVisible();
  await page.getByLabel('Filter the map by image or container').fill(filter);
}

const map = (page: Page) => page.getByRole('group', { name: 'Layers, images and containers' });

test.describe('the engine map against the real engine', () => {
  test.afterAll(() => {
    for (const c of madeContainers) tryDocker('rm', '-f', c);
    const images = tryDocker('images', '-q', '--filter', `label=${imageLabel}`)?.split('\n').filter(Boolean) ?? [];
    if (images.length > 0) tryDocker('rmi', '-f', ...new Set(images));
  });

  test("a shared layer drawn once, a container's changed file in its writable layer, a commit's new layer, a remove", async ({ page }) => {
    commit(ranContainer('a', 'echo a > /a.txt'), 'a');
    commit(ranContainer('b', 'echo b > /b.txt'), 'b');
    const worker = ranContainer('worker', 'mkdir -p /lab && echo hi > /lab/note.txt', `${repo}:a`);

    await openMap(page, repo);
    const a = map(page).getByRole('button', { name: `Image ${repo}:a` });
    const b = map(page).getByRole('button', { name: `Image ${repo}:b` });
    await expect(a).toBeVisible();
    await expect(b).toBeVisible();

    // The fixture's layers, which both images hold (and the fixture itself, where the containers that made them sit): one box, across the rows.
    const shared = map(page).getByRole('button', { name: /shared by \d+ images/ });
    await expect(shared).toHaveCount(1);
    const [sharedBox, aBox, bBox] = await Promise.all([shared.boundingBox(), a.boundingBox(), b.boundingBox()]);
    expect(sharedBox!.y).toBeLessThanOrEqual(Math.min(aBox!.y, bBox!.y) + 1);
    expect(sharedBox!.y + sharedBox!.height).toBeGreaterThanOrEqual(Math.max(aBox!.y + aBox!.height, bBox!.y + bBox!.height) - 1);

    // The container sits on its image with its writable layer: what docker diff lists.
    const writable = page.locator(`[data-writable="${worker}"]`);
    await expect(writable).toContainText('A /lab/note.txt');
    await map(page)
      .getByRole('button', { name: `Container ${worker}, exited` })
      .click();
    await expect(page.getByRole('list', { name: `Writable layer of ${worker}` })).toContainText('/lab/note.txt');
    await page.screenshot({ path: `${shots}/engine-map-shared.png` });

    // docker commit in another shell: the new image sits on the container's image with one more layer, marked new.
    docker('commit', '--change', `LABEL ${imageLabel}`, worker, `${repo}:snap`);
    const snap = map(page).getByRole('button', { name: `Image ${repo}:snap` });
    await expect(snap).toBeVisible();
    const fresh = map(page).getByRole('button', { name: /, new$/ });
    await expect(fresh).toHaveCount(1);
    await expect(snap).toContainText(`from ${worker}`);
    const [freshBox, snapBox] = await Promise.all([fresh.boundingBox(), snap.boundingBox()]);
    // On the snapshot's row, right of the layers it shares with its parent image.
    expect(Math.abs(freshBox!.y - snapBox!.y)).toBeLessThan(4);
    await page.screenshot({ path: `${shots}/engine-map-commit.png` });

    // A remove takes it away.
    docker('rmi', `${repo}:snap`);
    await expect(snap).toHaveCount(0);
    await expect(fresh).toHaveCount(0);
  });

  test('stays readable with 50 images', async ({ page }) => {
    test.setTimeout(180_000);
    for (let c = 0; c < 5; c++) {
      const container = ranContainer(`many${c}`, `echo ${c} > /file-${c}.txt`);
      for (let i = 0; i < 10; i++) commit(container, `many-${c}-${i}`, `${c}-${i}`);
    }
    await openMap(page, `${repo}:many`);
    await expect(map(page).getByRole('button', { name: /^Image / })).toHaveCount(50);
    // Fixture base once for all 50; each container's layer once for its 10 images.
    await expect(map(page).getByRole('button', { name: /shared by 50 images/ })).toHaveCount(1);
    await expect(map(page).getByRole('button', { name: /shared by 10 images/ })).toHaveCount(5);
    await page.screenshot({ path: `${shots}/engine-map-50.png` });
  });
});
