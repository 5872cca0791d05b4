import { mkdirSync } from 'node:fs';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { docker, fixtureImage, fixtureLabel, specContainers, containerExists } from './fixtures/docker-cli.js';
import { BerthPage } from './pages/berth-page.js';

const shots = '/tmp/berth-shots';
mkdirSync(shots, { recursive: true });

const containers = specContainers('berth-e2e-rf-');
const rfName = containers.name;

async function openRunForm(page: Page): Promise<{ berth: BerthPage; form: Locator }> {
  const berth = new BerthPage(page);
  await berth.open('berth-e2e-rf-');
  await page.getByRole('button', { name: 'Run container…' }).click();
  const form = page.getByRole('dialog', { name: 'Run a container' });
  await expect(form).toBeVisible();
  return { berth, form };
}

function field(form: Locator, label: string): Locator {
  return form.getByLabel(label, { exact: true });
}

test.describe('run form: resources and security against the real engine', () => {
  test.afterAll(() => containers.removeAll());

  test('a pasted line with --cpus, -m, --shm-size and --cap-add fills the form and runs with them', async ({ page }) => {
    const name = rfName('limits');
    const { berth, form } = await openRunForm(page);
    await field(form, 'Paste a docker run command').fill(
      `docker run -d --name ${name} --label ${fixtureLabel} --cpus 0.5 -m 64m --shm-size 128m --cap-add NET_ADMIN --cap-drop MKNOD --hostname robot-1 --add-host db.robot:127.0.0.1 ${fixtureImage} sh -c 'sleep 300'`,
    );
    await form.getByRole('button', { name: 'Fill the form' }).click();
    await expect(field(form, 'CPUs')).toHaveValue('0.5');
    await expect(field(form, 'Memory')).toHaveValue('64m');
    await expect(field(form, 'Shared memory (/dev/shm)')).toHaveValue('128m');
    await expect(field(form, 'Add capabilities')).toHaveValue('NET_ADMIN');
    await expect(field(form, 'Drop capabilities')).toHaveValue('MKNOD');
    await expect(field(form, 'Hostname')).toHaveValue('robot-1');
    await expect(field(form, 'Host 1 name')).toHaveValue('db.robot');
    await expect(field(form, 'Host 1 IP')).toHaveValue('127.0.0.1');
    await expect(form.getByRole('region', { name: 'What Berth will run' })).toContainText(
      `--name ${name} --hostname robot-1 --add-host db.robot:127.0.0.1 --cap-add NET_ADMIN --cap-drop MKNOD --cpus 0.5 --memory 64m --shm-size 128m --label ${fixtureLabel} ${fixtureImage}`,
    );
    await form.getByRole('group', { name: /^Resources/ }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${shots}/run-resources-filled.png` });

    await form.getByRole('button', { name: 'Run', exact: true }).click();
    await expect(form).toBeHidden();
    await berth.expectRowState(name, /running/i);
    const host = JSON.parse(docker('inspect', '--format', '{{json .HostConfig}}', name)) as Record<string, unknown>;
    expect(host).toMatchObject({
      NanoCpus: 500_000_000,
      Memory: 64 * 1024 ** 2,
      ShmSize: 128 * 1024 ** 2,
      CapAdd: ['NET_ADMIN'],
      CapDrop: ['MKNOD'],
      ExtraHosts: ['db.robot:127.0.0.1'],
    });
    expect(docker('exec', name, 'hostname')).toBe('robot-1');
    expect(docker('exec', name, 'df', '-k', '/dev/shm')).toMatch(/\b131072\b/);
    expect(docker('exec', name, 'cat', '/etc/hosts')).toMatch(/127\.0\.0\.1\s+db\.robot/);
    await expect(page.getByRole('log', { name: 'Recent actions as docker commands' })).toContainText(
      '--cpus 0.5 --memory 64m --shm-size 128m',
    );
  });

  test('the ROS preset shares the host IPC namespace; the container runs with it', async ({ page }) => {
    const name = rfName('ros');
    const { berth, form } = await openRunForm(page);
    await field(form, 'Image').fill(fixtureImage);
    await field(form, 'Name').fill(name);
    await field(form, 'Command').fill("sh -c 'sleep 300'");
    await form.getByRole('button', { name: 'ROS on host network' }).click();
    await form.getByRole('button', { name: '+ Add label' }).click();
    await field(form, 'Label 1 key').fill('berth.test-fixture');
    await field(form, 'Label 1 value').fill('true');
    await expect(field(form, 'IPC namespace')).toHaveValue('host');
    await expect(form.getByRole('region', { name: 'What Berth will run' })).toContainText(
      '--network host --ipc host --env ROS_DOMAIN_ID=0',
    );
    await form.getByRole('button', { name: 'Run', exact: true }).click();
    await expect(form).toBeHidden();
    await berth.expectRowState(name, /running/i);
    expect(docker('inspect', '--format', '{{.HostConfig.IpcMode}} {{.HostConfig.NetworkMode}}', name)).toBe('host host');
  });

  test('bad sizes and capability names are refused beside their fields, and nothing is created', async ({ page }) => {
    const name = rfName('bad');
    const { form } = await openRunForm(page);
    await field(form, 'Image').fill(fixtureImage);
    await field(form, 'Name').fill(name);
    await field(form, 'Memory').fill('12x');
    await field(form, 'Shared memory (/dev/shm)').fill('lots');
    await field(form, 'CPUs').fill('half');
    await field(form, 'Add capabilities').fill('NET_ADMN');
    await form.getByRole('button', { name: 'Run', exact: true }).click();
    await expect(field(form, 'Memory')).toHaveAccessibleDescription(/Memory must be like 512m or 2g/);
    await expect(field(form, 'Shared memory (/dev/shm)')).toHaveAccessibleDescription(/Shared memory must be like 64m or 1g/);
    await expect(field(form, 'CPUs')).toHaveAccessibleDescription(/CPUs must be a number such as 0.5 or 2/);
    await expect(field(form, 'Add capabilities')).toHaveAccessibleDescription(/NET_ADMN is not a Linux capability/);
    await expect(form.getByRole('alert')).toContainText('4 fields need attention');
    await form.getByRole('group', { name: /^Resources/ }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${shots}/run-resources-errors.png` });

    // A limit the engine itself refuses is shown beside its field too.
    await field(form, 'Memory').fill('');
    await field(form, 'Shared memory (/dev/shm)').fill('');
    await field(form, 'Add capabilities').fill('');
    await field(form, 'CPUs').fill('4096');
    await form.getByRole('button', { name: 'Run', exact: true }).click();
    await expect(field(form, 'CPUs')).toHaveAccessibleDescription(/Range of CPUs/);
    expect(containerExists(name)).toBe(false);
  });
});
