import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { docker, fixtureLabel, runFixture } from './fixtures/docker-cli.js';
import { e2eServer } from './fixtures/e2e-server.js';

const shots = '/tmp/berth-shots';
const rand = Math.random().toString(36).slice(2, 7);
const prefix = `berth-e2e-net-${rand}`;
/** A /24 per run, away from the integration tests' 10.231.x. */
const octet = 10 + Math.floor(Math.random() * 200);
const subnet = `10.232.${octet}.0/24`;
const madeNetworks: string[] = [];
const madeContainers: string[] = [];

function tryDocker(...args: string[]): string | undefined {
  try {
    return docker(...args);
  } catch {
    return undefined;
  }
}

/**
 * A network made through the engine API without its duplicate-name check (older engines honour
 * `CheckDuplicate: false`; the CLI always checks). Undefined when the engine refuses a duplicate.
 */
function createUnchecked(name: string): string | undefined {
  try {
    const body = JSON.stringify({ Name: name, CheckDuplicate: false, Labels: { [fixtureLabel.split('=')[0]!]: 'true' } });
    const reply = execFileSync(
      'curl',
      [
        '-s',
        '--unix-socket',
        '/var/run/docker.sock',
        '-H',
        'Content-Type: application/json',
        '-d',
        body,
        'http://localhost/networks/create',
      ],
      { encoding: 'utf8' },
    );
    const id = (JSON.parse(reply) as { Id?: unknown }).Id;
    if (typeof id !== 'string') return undefined;
    madeNetworks.push(id);
    return id;
  } catch {
    return undefined;
  }
}

function netName(what: string): string {
  const name = `${prefix}-${what}`;
  madeNetworks.push(name);
  return name;
}

async function openNetworks(page: Page): Promise<void> {
  mkdirSync(shots, { recursive: true });
  await page.goto(e2eServer.appUrl);
  await page.getByRole('link', { name: /^Networks/ }).click();
  await expect(page.getByRole('heading', { name: 'Networks', level: 1 })).toBeVisible();
  await page.getByLabel('Filter networks').fill(prefix);
}

function activity(page: Page) {
  return page.getByRole('log', { name: 'Recent actions as docker commands' });
}

test.describe('networks against the real engine', () => {
  test.afterAll(() => {
    for (const c of madeContainers) tryDocker('rm', '-f', c);
    for (const n of madeNetworks) tryDocker('network', 'rm', n);
  });

  test('the built-in networks are explained, list their containers and cannot be removed', async ({ page }) => {
    const onHost = `${prefix}-ros`;
    madeContainers.push(onHost);
    runFixture(onHost, '--network', 'host');
    const lab = netName('hostcheck');
    docker('network', 'create', '--label', fixtureLabel, lab);
    await openNetworks(page);
    await page.getByLabel('Filter networks').fill('');
    const host = page.getByRole('row', { name: 'host', exact: true });
    await expect(host).toContainText('built in');
    await expect(host).toContainText(onHost);
    await expect(host).toContainText('Computer’s own network (ROS)');
    await expect(host.getByText('Computer’s own network (ROS)')).toHaveAttribute('title', /DDS discovery/);
    await expect(host.getByRole('button', { name: 'Remove' })).toHaveCount(0);
    await expect(page.getByRole('link', { name: /^Networks/ })).toContainText(/\d+/);
    await page.screenshot({ path: `${shots}/net-list.png` });

    // A container on the host network cannot join another: the picker says so instead of letting the engine refuse.
    await page.getByLabel('Filter networks').fill(lab);
    await page.getByRole('row', { name: lab, exact: true }).getByRole('button', { name: 'Connect…' }).click();
    const connect = page.getByRole('dialog', { name: `Connect a container to ${lab}` });
    await expect(connect.getByRole('option', { name: new RegExp(`^${onHost} .*--network host`) })).toBeDisabled();
    await connect.getByRole('button', { name: 'Cancel' }).click();
  });

  test('create in the dialog: bad subnet explained, listed live, overlapping subnet refused beside the field', async ({ page }) => {
    const name = netName('lab');
    await openNetworks(page);
    await page.getByRole('button', { name: 'Create network…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Create network' });
    await dialog.getByLabel('Name').fill(name);
    await dialog.getByLabel('Subnet (optional)').fill(`10.232.${octet}.0/33`);
    await expect(dialog.getByRole('alert')).toHaveText('The prefix length is at most 32');
    await dialog.getByLabel('Subnet (optional)').fill(`10.232.${octet}.5/24`);
    await expect(dialog.getByRole('alert')).toContainText(`host bits set for /24: the subnet starts at 10.232.${octet}.0/24`);
    await dialog.getByLabel('Subnet (optional)').fill(subnet);
    await dialog.getByLabel('Gateway (optional)').fill(`10.232.${octet + 1}.1`);
    await expect(dialog.getByRole('alert')).toContainText(`is outside ${subnet}`);
    await dialog.getByLabel('Gateway (optional)').fill(`10.232.${octet}.1`);
    await dialog.getByLabel(/^Labels/).fill(fixtureLabel);
    await expect(dialog.getByRole('alert')).toHaveCount(0);
    await expect(dialog.getByLabel('Command line')).toContainText(
      `docker network create --subnet ${subnet} --gateway 10.232.${octet}.1 --label ${fixtureLabel} ${name}`,
    );
    await page.screenshot({ path: `${shots}/net-create-dialog.png` });
    await dialog.getByRole('button', { name: 'Create', exact: true }).click();
    await expect(dialog).toBeHidden();
    const row = page.getByRole('row', { name, exact: true });
    await expect(row).toContainText(subnet);
    await expect(row).toContainText(`gw 10.232.${octet}.1`);
    await expect(activity(page)).toContainText(`docker network create --subnet ${subnet}`);

    // Created in another shell: it appears by itself (events, no reload).
    const other = netName('cli');
    docker('network', 'create', '--label', fixtureLabel, other);
    await expect(page.getByRole('row', { name: other, exact: true })).toBeVisible();

    // The same subnet again: the engine's refusal lands beside the subnet field.
    await page.getByRole('button', { name: 'Create network…' }).click();
    await dialog.getByLabel('Name').fill(netName('overlap'));
    await dialog.getByLabel('Subnet (optional)').fill(subnet);
    await dialog.getByRole('button', { name: 'Create', exact: true }).click();
    await expect(dialog.getByRole('alert')).toContainText(/overlaps/i);
    await expect(dialog.getByLabel('Subnet (optional)')).toHaveAttribute('aria-invalid', 'true');
    await page.screenshot({ path: `${shots}/net-create-overlap.png` });
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toBeHidden();
  });

  test('connect a container and see its address; remove refused while attached; disconnect asks first; remove', async ({ page }) => {
    const octet2 = octet + 1 > 250 ? octet - 2 : octet + 1;
    const net = netName('robots');
    const home = netName('home');
    docker('network', 'create', '--label', fixtureLabel, '--subnet', `10.232.${octet2}.0/24`, net);
    docker('network', 'create', '--label', fixtureLabel, home);
    const container = `${prefix}-lidar`;
    madeContainers.push(container);
    runFixture(container, '--network', home);

    await openNetworks(page);
    const row = page.getByRole('row', { name: net, exact: true });
    await expect(row).toContainText('none');
    await row.getByRole('button', { name: 'Connect…' }).click();
    const connect = page.getByRole('dialog', { name: `Connect a container to ${net}` });
    await connect.getByRole('button', { name: 'Connect', exact: true }).click();
    await expect(connect.getByRole('alert')).toHaveText('Choose a container to connect');
    await connect.getByLabel('Container').selectOption({ label: `${container} (running)` });
    await expect(connect).toContainText(`docker network connect ${net} ${container}`);
    // A fixed address outside the subnet is caught before the engine is asked.
    await connect.getByLabel('IPv4 address (optional)').fill(`10.232.${octet2 + 1}.77`);
    await connect.getByRole('button', { name: 'Connect', exact: true }).click();
    await expect(connect.getByRole('alert')).toContainText(`is outside 10.232.${octet2}.0/24`);
    await connect.getByLabel('IPv4 address (optional)').fill(`10.232.${octet2}.77`);
    await expect(connect).toContainText(`docker network connect --ip 10.232.${octet2}.77 ${net} ${container}`);
    await page.screenshot({ path: `${shots}/net-connect-dialog.png` });
    await connect.getByRole('button', { name: 'Connect', exact: true }).click();
    await expect(connect).toBeHidden();
    await expect(row).toContainText(`10.232.${octet2}.77`);
    await page.screenshot({ path: `${shots}/net-connected.png` });

    // Remove while attached: the dialog says so, and shows the engine's refusal.
    await row.getByRole('button', { name: 'Remove' }).click();
    const remove = page.getByRole('dialog', { name: `Remove network ${net}?` });
    await expect(remove).toContainText('1 running container is attached');
    await expect(remove.getByRole('list', { name: `Running containers on ${net}` })).toContainText(container);
    await remove.getByRole('button', { name: 'Remove', exact: true }).click();
    await expect(remove.getByRole('alert')).toContainText(/active endpoints/);
    await page.screenshot({ path: `${shots}/net-remove-refused.png` });
    await remove.getByRole('button', { name: 'Cancel' }).click();
    await expect(remove).toBeHidden();

    // Disconnect from the detail pane asks first; Cancel keeps it.
    await row.getByRole('button', { name: net, exact: true }).click();
    const pane = page.getByRole('complementary', { name: `Network ${net}` });
    await expect(pane.getByRole('listitem', { name: container })).toContainText(`10.232.${octet2}.`);
    // The inspect document goes through the activity strip as its docker command, and follows changes.
    await pane.locator('summary', { hasText: 'Inspect' }).click();
    await expect(pane.locator('pre')).toContainText(container);
    await expect(activity(page)).toContainText(`docker network inspect ${net}`);
    await pane.getByRole('button', { name: `Disconnect ${container}` }).click();
    const disconnect = page.getByRole('dialog', { name: `Disconnect ${container} from ${net}?` });
    await expect(disconnect).toContainText('loses its address');
    await expect(disconnect).toContainText(`It stays on ${home}.`);
    await page.screenshot({ path: `${shots}/net-disconnect-confirm.png` });
    await disconnect.getByRole('button', { name: 'Cancel' }).click();
    await expect(disconnect).toBeHidden();
    expect(docker('inspect', '--format', `{{json .NetworkSettings.Networks}}`, container)).toContain(net);
    await pane.getByRole('button', { name: `Disconnect ${container}` }).click();
    await disconnect.getByRole('button', { name: 'Disconnect', exact: true }).click();
    await expect(disconnect).toBeHidden();
    await expect(pane).toContainText('No container is attached.');
    await expect(pane.locator('pre')).not.toContainText(container);
    await expect(row).toContainText('none');
    await page.screenshot({ path: `${shots}/net-detail.png` });

    await row.getByRole('button', { name: 'Remove' }).click();
    await expect(remove).not.toContainText('attached');
    await remove.getByRole('button', { name: 'Remove', exact: true }).click();
    await expect(remove).toBeHidden();
    await expect(row).toHaveCount(0);
    await expect(activity(page)).toContainText(`docker network rm ${net}`);
  });

  test('prune previews exactly the unused networks, then removes those; bulk remove reports each', async ({ page }) => {
    const unused = netName('unused');
    const used = netName('used');
    docker('network', 'create', '--label', fixtureLabel, unused);
    docker('network', 'create', '--label', fixtureLabel, used);
    const tenant = `${prefix}-tenant`;
    madeContainers.push(tenant);
    runFixture(tenant, '--network', used);

    await openNetworks(page);
    await page.getByRole('button', { name: 'Prune unused…' }).click();
    const panel = page.getByRole('region', { name: 'Prune unused networks' });
    const list = panel.getByRole('list', { name: 'Networks to prune' });
    await expect(list).toContainText(unused);
    await expect(list).not.toContainText(used);
    await expect(list).not.toContainText(/^host$/);
    await page.screenshot({ path: `${shots}/net-prune-preview.png` });
    // Do not prune from this shared engine: other tests' networks may be unused right now.
    await panel.getByRole('button', { name: 'Cancel' }).click();

    // Bulk: select both, one confirmation, per-network outcome.
    await page.getByRole('row', { name: unused, exact: true }).getByRole('checkbox').check();
    await page.getByRole('row', { name: used, exact: true }).getByRole('checkbox').check();
    await page.getByRole('toolbar', { name: 'Selected networks' }).getByRole('button', { name: 'Remove selected' }).click();
    const bulk = page.getByRole('dialog', { name: 'Remove 2 networks?' });
    await expect(bulk).toContainText('the engine will refuse this one until the running ones are disconnected');
    await bulk.getByRole('button', { name: 'Remove 2' }).click();
    const results = bulk.getByRole('list', { name: 'Removal results' });
    await expect(results).toContainText(`${unused}removed`);
    await expect(results).toContainText(/not removed: .*active endpoints/);
    await page.screenshot({ path: `${shots}/net-bulk-results.png` });
    await bulk.getByRole('button', { name: 'Close' }).click();
    await expect(page.getByRole('row', { name: unused, exact: true })).toHaveCount(0);
    await expect(page.getByRole('row', { name: used, exact: true })).toBeVisible();
  });

  test('two networks with one name: one tick selects one row, remove targets that one by ID', async ({ page }) => {
    const twin = `${prefix}-twin`;
    const a = createUnchecked(twin);
    const b = a === undefined ? undefined : createUnchecked(twin);
    test.skip(a === undefined || b === undefined, 'this engine refuses duplicate network names');
    const shortA = a!.slice(0, 12);
    const shortB = b!.slice(0, 12);

    await openNetworks(page);
    await page.getByLabel('Filter networks').fill(twin);
    const rows = page.getByRole('row', { name: twin, exact: true });
    await expect(rows).toHaveCount(2);
    const rowA = rows.filter({ hasText: shortA });
    const rowB = rows.filter({ hasText: shortB });
    await rowA.getByRole('checkbox').check();
    await expect(rowB.getByRole('checkbox')).not.toBeChecked();
    await expect(page.getByRole('toolbar', { name: 'Selected networks' })).toContainText('1 selected');
    await expect(rowA.getByRole('button', { name: 'Remove' })).toHaveAttribute('title', `docker network rm ${shortA}`);

    await rowA.getByRole('button', { name: 'Remove' }).click();
    const remove = page.getByRole('dialog', { name: `Remove network ${twin} (${shortA})?` });
    await expect(remove).toContainText(`Another network is also called ${twin}`);
    await expect(remove).toContainText(`docker network rm ${shortA}`);
    await page.screenshot({ path: `${shots}/net-twins-remove.png` });
    await remove.getByRole('button', { name: 'Remove', exact: true }).click();
    await expect(remove).toBeHidden();
    await expect(rows).toHaveCount(1);
    await expect(rows).toContainText(shortB);
    await expect(page.getByRole('toolbar', { name: 'Selected networks' })).toHaveCount(0);
    await expect(activity(page)).toContainText(`docker network rm ${shortA}`);
  });
});
