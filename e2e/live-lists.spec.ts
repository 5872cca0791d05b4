import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { docker, fixtureImage, fixtureLabel } from './fixtures/docker-cli.js';
import { BerthPage } from './pages/berth-page.js';

// A prefix of its own: other specs' clean-up removes `berth-e2e-` containers, which may run meanwhile.
const rand = Math.random().toString(36).slice(2, 7);
const prefix = `berth-live2-${rand}-`;
const made = { containers: new Set<string>(), volumes: new Set<string>(), networks: new Set<string>(), tags: new Set<string>() };

function tryDocker(...args: string[]): void {
  try {
    docker(...args);
  } catch {
    // Already gone.
  }
}

type Marked = Window & { __liveListsMark?: string };

/** Two tabs of the same browser on Berth, each marked so the test can tell they were never reloaded. */
async function twoTabs(context: BrowserContext, show: (page: Page) => Promise<void>): Promise<[Page, Page]> {
  const tabs: Page[] = [];
  for (const mark of ['left', 'right']) {
    const page = await context.newPage();
    await new BerthPage(page).open('');
    await show(page);
    await page.evaluate((m) => ((window as Marked).__liveListsMark = m), mark);
    tabs.push(page);
  }
  return [tabs[0]!, tabs[1]!];
}

async function expectNotReloaded([left, right]: [Page, Page]): Promise<void> {
  expect(await left.evaluate(() => (window as Marked).__liveListsMark)).toBe('left');
  expect(await right.evaluate(() => (window as Marked).__liveListsMark)).toBe('right');
}

async function showList(page: Page, view: 'Containers' | 'Images' | 'Volumes' | 'Networks', filter: string): Promise<void> {
  await page.getByRole('link', { name: new RegExp(`^${view}`) }).click();
  await expect(page.getByRole('heading', { name: view, level: 1 })).toBeVisible();
  await page.getByLabel(`Filter ${view.toLowerCase()}`).fill(filter);
}

const row = (page: Page, name: string) => page.getByRole('row', { name, exact: true });

test.describe('live lists: every tab follows the engine', () => {
  // Several tabs on a machine other tests share: opening them alone can take a while.
  test.describe.configure({ timeout: 180_000 });
  test.afterAll(() => {
    for (const c of made.containers) tryDocker('rm', '-f', c);
    for (const n of made.networks) tryDocker('network', 'rm', n);
    for (const v of made.volumes) tryDocker('volume', 'rm', v);
    for (const t of made.tags) tryDocker('rmi', t);
  });

  test('two tabs see the same CLI create, start, rename and rm of a container, without reloading', async ({ context }) => {
    const tabs = await twoTabs(context, (page) => showList(page, 'Containers', prefix));
    const name = `${prefix}box`;
    const renamed = `${prefix}renamed`;
    made.containers.add(name).add(renamed);

    docker(
      'create',
      '--name',
      name,
      '--label',
      fixtureLabel,
      '--stop-timeout',
      '1',
      fixtureImage,
      'sh',
      '-c',
      'while true; do sleep 1; done',
    );
    for (const tab of tabs) await expect(row(tab, name)).toContainText(/created/i);

    docker('start', name);
    for (const tab of tabs) await expect(row(tab, name)).toContainText(/running/i);

    docker('rename', name, renamed);
    for (const tab of tabs) {
      await expect(row(tab, renamed)).toContainText(/running/i);
      await expect(row(tab, name)).toHaveCount(0);
    }

    docker('rm', '-f', renamed);
    for (const tab of tabs) await expect(row(tab, renamed)).toHaveCount(0);
    await expectNotReloaded(tabs);
  });

  test('a Stop clicked in one tab shows in both at once', async ({ context }) => {
    const tabs = await twoTabs(context, (page) => showList(page, 'Containers', prefix));
    const name = `${prefix}stopme`;
    made.containers.add(name);
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
      'while true; do sleep 1; done',
    );
    for (const tab of tabs) await expect(row(tab, name)).toContainText(/running/i);

    await row(tabs[0], name).getByRole('button', { name: 'Stop', exact: true }).click();
    for (const tab of tabs) await expect(row(tab, name)).toContainText(/exited/i);
    await expectNotReloaded(tabs);
  });

  test('two tabs see volumes and networks come and go, and who uses them', async ({ context }) => {
    const volume = `${prefix}vol`;
    const network = `${prefix}net`;
    const user = `${prefix}user`;
    made.volumes.add(volume);
    made.networks.add(network);
    made.containers.add(user);
    const volumeTabs = await twoTabs(context, (page) => showList(page, 'Volumes', prefix));
    const networkTabs = await twoTabs(context, (page) => showList(page, 'Networks', prefix));

    docker('volume', 'create', '--label', fixtureLabel, volume);
    docker('network', 'create', '--label', fixtureLabel, network);
    for (const tab of volumeTabs) await expect(row(tab, volume)).toBeVisible();
    for (const tab of networkTabs) await expect(row(tab, network)).toBeVisible();

    // A container made on both: the volume says who mounts it, the network who is on it.
    docker('create', '--name', user, '--label', fixtureLabel, '--network', network, '-v', `${volume}:/data`, fixtureImage, 'true');
    for (const tab of volumeTabs) await expect(row(tab, volume)).toContainText(user);
    for (const tab of networkTabs) await expect(row(tab, network)).toContainText(user);

    docker('rm', user);
    for (const tab of volumeTabs) await expect(row(tab, volume)).not.toContainText(user);
    for (const tab of networkTabs) await expect(row(tab, network)).not.toContainText(user);

    docker('volume', 'rm', volume);
    docker('network', 'rm', network);
    for (const tab of volumeTabs) await expect(row(tab, volume)).toHaveCount(0);
    for (const tab of networkTabs) await expect(row(tab, network)).toHaveCount(0);
    await expectNotReloaded(volumeTabs);
    await expectNotReloaded(networkTabs);
  });

  test('two tabs see a tag added to an image and taken away', async ({ context }) => {
    const repository = `berth-live2-${rand}/img`;
    const tag = `${repository}:one`;
    made.tags.add(tag);
    const tabs = await twoTabs(context, (page) => showList(page, 'Images', repository));

    docker('tag', fixtureImage, tag);
    for (const tab of tabs) await expect(row(tab, tag)).toBeVisible();

    docker('rmi', tag);
    for (const tab of tabs) await expect(row(tab, tag)).toHaveCount(0);
    await expectNotReloaded(tabs);
  });
});
