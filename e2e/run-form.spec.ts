import { mkdirSync } from 'node:fs';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { docker, fixtureImage, runFixture, specContainers, containerExists } from './fixtures/docker-cli.js';
import { BerthPage } from './pages/berth-page.js';

const shots = '/tmp/berth-shots';
mkdirSync(shots, { recursive: true });

/** Opens Berth's containers view and the run form from its toolbar. */
async function openRunForm(page: Page): Promise<{ berth: BerthPage; form: Locator }> {
  const berth = new BerthPage(page);
  await berth.open();
  await page.getByRole('button', { name: 'Run container…' }).click();
  const form = page.getByRole('dialog', { name: 'Run a container' });
  await expect(form).toBeVisible();
  return { berth, form };
}

function field(form: Locator, label: string): Locator {
  return form.getByLabel(label, { exact: true });
}

/** Fills the fields every engine-backed test needs; the fixture label lets afterAll clean up. */
async function fillBasics(form: Locator, image: string, name: string): Promise<void> {
  await field(form, 'Image').fill(image);
  await field(form, 'Name').fill(name);
  await form.getByRole('button', { name: '+ Add label' }).click();
  await field(form, 'Label 1 key').fill('berth.test-fixture');
  await field(form, 'Label 1 value').fill('true');
}

// Only the containers this spec made are removed afterwards: other suites may share the engine.
const containers = specContainers('berth-e2e-');
const e2eName = containers.name;

test.describe('run form against the real engine', () => {
  test.afterAll(() => containers.removeAll());

  test('fills a run, shows its docker run line, and the container runs with its env', async ({ page }) => {
    const name = e2eName('run');
    const { berth, form } = await openRunForm(page);
    await fillBasics(form, fixtureImage, name);
    await field(form, 'Command').fill("sh -c 'sleep 300'");
    await form.getByRole('button', { name: '+ Add variable' }).click();
    await field(form, 'Environment variable 1 key').fill('GREETING');
    await field(form, 'Environment variable 1 value').fill('hello world');

    const line = `docker run --detach --name ${name} --env 'GREETING=hello world' --label berth.test-fixture=true ${fixtureImage} sh -c 'sleep 300'`;
    await expect(form.getByRole('region', { name: 'What Berth will run' })).toContainText(line);
    await page.screenshot({ path: `${shots}/run-form-filled.png` });
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await form.getByRole('button', { name: 'Copy' }).click();
    await expect(form.getByRole('button', { name: 'Copied' })).toBeVisible();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(line);

    await form.getByRole('button', { name: 'Run', exact: true }).click();
    await expect(form).toBeHidden();
    await berth.expectRowState(name, /running/i);
    expect(docker('inspect', '--format', '{{json .Config.Env}}', name)).toContain('"GREETING=hello world"');
    expect(docker('inspect', '--format', '{{.State.Status}}', name)).toBe('running');
    await expect(page.getByRole('log', { name: 'Recent actions as docker commands' })).toContainText(`docker run --detach --name ${name}`);
    await page.screenshot({ path: `${shots}/run-after-run.png` });
  });

  test('a pasted docker run line fills the form; one Berth cannot read says why and changes nothing', async ({ page }) => {
    const { form } = await openRunForm(page);
    await form.getByRole('button', { name: 'ROS on host network' }).click();
    await form.getByRole('button', { name: 'Serial device' }).click();
    await form.getByRole('button', { name: 'X11 display' }).click();
    await form.getByRole('button', { name: 'GPU', exact: true }).click();
    await expect(form.getByRole('region', { name: 'What Berth will run' })).toContainText(
      'docker run --detach --network host --ipc host --env ROS_DOMAIN_ID=0 --env DISPLAY=:0 --volume /tmp/.X11-unix:/tmp/.X11-unix --device /dev/ttyUSB0 --gpus all IMAGE',
    );
    await form.getByLabel('Privileged').check();
    await expect(form.getByRole('note')).toContainText('Privileged is root on the host');
    await field(form, 'Restart policy').selectOption('on-failure');
    await field(form, 'Max retries').fill('3');
    await expect(form.getByRole('region', { name: 'What Berth will run' })).toContainText('--restart on-failure:3 --network host');
    await expect(form.getByRole('region', { name: 'What Berth will run' })).toContainText('--privileged --gpus all');
    await form.getByRole('group', { name: /^Runtime/ }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${shots}/run-presets.png` });

    const paste = field(form, 'Paste a docker run command');
    await paste.fill(`docker run -d --name berth-e2e-paste-x -e A=1 -p 8080:80 ${fixtureImage} sleep 5`);
    await form.getByRole('button', { name: 'Fill the form' }).click();
    await expect(field(form, 'Image')).toHaveValue(fixtureImage);
    await expect(field(form, 'Name')).toHaveValue('berth-e2e-paste-x');
    await expect(field(form, 'Command')).toHaveValue('sleep 5');
    await expect(field(form, 'Environment variable 1 key')).toHaveValue('A');
    await expect(field(form, 'Environment variable 1 value')).toHaveValue('1');
    await expect(field(form, 'Host port 1')).toHaveValue('8080');
    await expect(field(form, 'Container port 1')).toHaveValue('80');
    await expect(field(form, 'Network')).toHaveValue('default');
    await expect(form.getByRole('region', { name: 'What Berth will run' })).toContainText(
      `docker run --detach --name berth-e2e-paste-x --publish 8080:80 --env A=1 ${fixtureImage} sleep 5`,
    );

    await paste.fill('docker run --blkio-weight 10 x');
    await form.getByRole('button', { name: 'Fill the form' }).click();
    await expect(form.getByRole('alert')).toHaveText(/Berth does not understand the option --blkio-weight yet/);
    await expect(field(form, 'Name')).toHaveValue('berth-e2e-paste-x');
    await expect(field(form, 'Image')).toHaveValue(fixtureImage);
    await page.screenshot({ path: `${shots}/run-paste-error.png` });
    expect(containerExists('berth-e2e-paste-x')).toBe(false);
  });

  test('checks the form before sending: errors beside their fields', async ({ page }) => {
    const { form } = await openRunForm(page);
    await field(form, 'Name').fill('-bad name');
    await form.getByRole('button', { name: '+ Add port' }).click();
    await field(form, 'Container port 1').fill('99999');
    await form.getByRole('button', { name: 'Run', exact: true }).click();
    await expect(field(form, 'Image')).toHaveAccessibleDescription(/Choose an image/);
    await expect(field(form, 'Name')).toHaveAccessibleDescription(/letters, digits/);
    await expect(form.getByRole('group', { name: /^Ports/ })).toHaveAccessibleDescription(/Port 1.*1–65535/);
    await expect(field(form, 'Container port 1')).toHaveAttribute('aria-invalid', 'true');
    await page.screenshot({ path: `${shots}/run-validation.png` });
  });

  test('a missing image is refused beside the image field and nothing is created', async ({ page }) => {
    const name = e2eName('nope');
    const { form } = await openRunForm(page);
    await fillBasics(form, 'berth-e2e/nope:1', name);
    await form.getByRole('button', { name: 'Run', exact: true }).click();
    await expect(field(form, 'Image')).toHaveAccessibleDescription(/No such image/i);
    await expect(field(form, 'Image')).toBeFocused();
    await expect(form).toBeVisible();
    expect(containerExists(name)).toBe(false);
    await page.screenshot({ path: `${shots}/run-no-such-image.png` });
  });

  test('a name in use is refused beside the name field', async ({ page }) => {
    const taken = e2eName('taken');
    runFixture(taken);
    const { form } = await openRunForm(page);
    await fillBasics(form, fixtureImage, taken);
    await form.getByRole('button', { name: 'Run', exact: true }).click();
    await expect(field(form, 'Name')).toHaveAccessibleDescription(/already in use/i);
    await expect(field(form, 'Image')).not.toHaveAttribute('aria-invalid', 'true');
  });

  test('a bind mount of a missing host path is refused beside the mounts', async ({ page }) => {
    const name = e2eName('mount');
    const { form } = await openRunForm(page);
    await fillBasics(form, fixtureImage, name);
    await form.getByRole('button', { name: '+ Add mount' }).click();
    await field(form, 'Mount 1 source').fill('/no/such/path');
    await field(form, 'Mount 1 target').fill('/data');
    await form.getByRole('button', { name: 'Run', exact: true }).click();
    await expect(form.getByRole('group', { name: /^Mounts/ })).toHaveAccessibleDescription(/\/no\/such\/path/);
    expect(containerExists(name)).toBe(false);
    await page.screenshot({ path: `${shots}/run-missing-mount.png` });
  });

  test('created but not started is said, the row is in the created state, and the form can remove it', async ({ page }) => {
    const name = e2eName('nostart');
    const { berth, form } = await openRunForm(page);
    await fillBasics(form, fixtureImage, name);
    await field(form, 'Command').fill('/no/such/binary');
    await form.getByRole('button', { name: 'Run', exact: true }).click();
    await expect(form.getByRole('alert')).toContainText(`Created ${name}, but it did not start`);
    await berth.expectRowState(name, /created/i);
    await page.screenshot({ path: `${shots}/run-not-started.png` });
    await form.getByRole('button', { name: `Remove ${name}` }).click();
    await expect(form.getByRole('alert')).toHaveCount(0);
    await expect.poll(() => containerExists(name)).toBe(false);
  });

  test('Run on an image row opens the form with that image', async ({ page }) => {
    const berth = new BerthPage(page);
    await berth.open();
    await berth.showImages();
    await berth.filterImages('berth-fixture/busybox');
    const row = page.getByRole('row', { name: fixtureImage, exact: true });
    await expect(row).toBeVisible();
    await page.screenshot({ path: `${shots}/run-images-row.png` });
    await row.getByRole('button', { name: 'Run', exact: true }).click();
    const form = page.getByRole('dialog', { name: 'Run a container' });
    await expect(field(form, 'Image')).toHaveValue(fixtureImage);
    await expect(form.getByRole('region', { name: 'What Berth will run' })).toContainText(`docker run --detach ${fixtureImage}`);
    await form.getByRole('button', { name: 'Close' }).click();
    await expect(form).toBeHidden();
  });

  test('Create makes the container without starting it', async ({ page }) => {
    const name = e2eName('create');
    const { berth, form } = await openRunForm(page);
    await fillBasics(form, fixtureImage, name);
    await form.getByRole('button', { name: 'Create', exact: true }).click();
    await expect(form).toBeHidden();
    await berth.expectRowState(name, /created/i);
    await expect(page.getByRole('log', { name: 'Recent actions as docker commands' })).toContainText(`docker create --name ${name}`);
  });
});
