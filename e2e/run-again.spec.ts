import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { containerExists, docker, fixtureImage, fixtureLabel, specContainers } from './fixtures/docker-cli.js';
import { BerthPage } from './pages/berth-page.js';

const shots = process.env.BERTH_SHOTS ?? '/tmp/berth-shots';
mkdirSync(shots, { recursive: true });

const containers = specContainers('berth-e2e-again-');

async function openDetail(page: Page, name: string) {
  const berth = new BerthPage(page);
  await berth.open(name);
  await berth.row(name).getByRole('button', { name, exact: true }).click();
  const pane = page.getByRole('complementary', { name: `Container ${name}` });
  await expect(pane).toBeVisible();
  return { berth, pane };
}

/** The HostConfig fields a robot container is made of. */
function robotSettings(name: string): Record<string, unknown> {
  const host = JSON.parse(docker('inspect', '--format', '{{json .HostConfig}}', name)) as Record<string, unknown>;
  const { Devices, IpcMode, ShmSize, CapAdd, CapDrop, RestartPolicy, NetworkMode, Memory, NanoCpus, ExtraHosts } = host;
  // The CLI writes capabilities as CAP_NET_ADMIN, Berth as NET_ADMIN: the engine keeps either as given.
  const caps = (list: unknown) => (Array.isArray(list) ? list.map((c) => String(c).replace(/^CAP_/, '')) : list);
  return {
    Devices,
    IpcMode,
    ShmSize,
    CapAdd: caps(CapAdd),
    CapDrop: caps(CapDrop),
    RestartPolicy,
    NetworkMode,
    Memory,
    NanoCpus,
    ExtraHosts,
  };
}

test.describe('Run again against the real engine', () => {
  test.afterAll(() => containers.removeAll());

  test('the inspect summary shows a robot container’s devices, IPC, shm, capabilities and restart policy; Run again makes its twin', async ({
    page,
  }) => {
    const original = containers.name('orig');
    docker(
      'run',
      '-d',
      '--name',
      original,
      '--label',
      fixtureLabel,
      '--label',
      'robot.role=lidar',
      '--stop-timeout',
      '1',
      '--device',
      '/dev/null:/dev/lidar:rw',
      '--ipc',
      'host',
      '--shm-size',
      '256m',
      '--cap-add',
      'NET_ADMIN',
      '--cap-drop',
      'MKNOD',
      '--restart',
      'on-failure:2',
      '--memory',
      '64m',
      '--cpus',
      '0.5',
      '--add-host',
      'base.robot:127.0.0.1',
      '--env',
      'ROS_DOMAIN_ID=7',
      '--read-only',
      fixtureImage,
      'sh',
      '-c',
      'while true; do sleep 1; done',
    );
    const { berth, pane } = await openDetail(page, original);
    await pane.getByRole('tab', { name: 'Inspect' }).click();
    const summary = pane.locator('.cd-summary');
    const row = (label: string) => summary.locator('.cd-summary-row').filter({ has: page.getByText(label, { exact: true }) });
    await expect(row('Devices')).toContainText('/dev/null → /dev/lidar (rw)');
    await expect(row('IPC')).toContainText('host');
    await expect(row('Shm size')).toContainText('256m');
    await expect(row('Capabilities')).toContainText('+ CAP_NET_ADMIN');
    await expect(row('Capabilities')).toContainText('− CAP_MKNOD');
    await expect(row('Restart policy')).toContainText('on-failure (at most 2 retries)');
    await expect(row('GPUs')).toContainText('none');
    await pane.screenshot({ path: `${shots}/run-again-inspect.png` });

    await pane.getByRole('button', { name: 'Run again…' }).click();
    const form = page.getByRole('dialog', { name: 'Run a container' });
    await expect(form).toBeVisible();
    const note = form.getByRole('status').filter({ hasText: 'Filled from' });
    await expect(note).toContainText(`Filled from ${original}`);
    await expect(note).toContainText('The name is still taken');
    await expect(note).toContainText('--read-only');
    await expect(form.getByLabel('Device 1 host path', { exact: true })).toHaveValue('/dev/null');
    await expect(form.getByLabel('IPC namespace', { exact: true })).toHaveValue('host');
    await expect(form.getByLabel('Shared memory (/dev/shm)', { exact: true })).toHaveValue('256m');
    await page.screenshot({ path: `${shots}/run-again-form.png` });

    // Same name: the engine refuses, beside the name.
    await form.getByRole('button', { name: 'Run', exact: true }).click();
    await expect(form.getByText(/already in use/)).toBeVisible();

    const twin = containers.name('twin');
    await form.getByLabel('Name', { exact: true }).fill(twin);
    await expect(note).not.toContainText('The name is still taken');
    await form.getByRole('button', { name: 'Run', exact: true }).click();
    await expect(form).toBeHidden();
    await berth.open(twin);
    await berth.expectRowState(twin, /running/i);
    expect(robotSettings(twin)).toEqual(robotSettings(original));
    expect(docker('inspect', '--format', '{{index .Config.Labels "robot.role"}} {{json .Config.Env}}', twin)).toContain('lidar');
    expect(docker('inspect', '--format', '{{json .Config.Env}}', twin)).toContain('ROS_DOMAIN_ID=7');
    expect(docker('inspect', '--format', '{{json .Config.Cmd}}', twin)).toBe('["sh","-c","while true; do sleep 1; done"]');
  });

  test('Export: the Compose service and the devcontainer.json make the container the form runs', async ({ page }) => {
    const exported = containers.name('compose');
    const viaCompose = containers.name('devc');
    const project = `berth-e2e-again-${Math.random().toString(36).slice(2, 7)}`;
    const dir = mkdtempSync(join(tmpdir(), 'berth-e2e-export-'));
    const berth = new BerthPage(page);
    await berth.open('berth-e2e-again-');
    await page.getByRole('button', { name: 'Run container…' }).click();
    const form = page.getByRole('dialog', { name: 'Run a container' });
    await form
      .getByLabel('Paste a docker run command', { exact: true })
      .fill(
        `docker run -d --name ${exported} --label ${fixtureLabel} --label robot.role=on --device /dev/null:/dev/lidar:rw --ipc host --shm-size 256m --cap-add NET_ADMIN --restart on-failure:2 --memory 64m --cpus 0.5 --add-host base.robot:127.0.0.1 -e USE_SIM=no -v /tmp:/data:ro --hostname robot-1 --entrypoint sh ${fixtureImage} -c 'while true; do sleep 1; done'`,
      );
    await form.getByRole('button', { name: 'Fill the form' }).click();
    const preview = form.getByRole('region', { name: 'What Berth will run' });
    await preview.getByRole('tab', { name: 'Compose' }).click();
    const yaml = await preview.getByLabel('compose.yaml').textContent();
    expect(yaml).toContain('USE_SIM: "no"');
    await expect(preview).toContainText('project’s own network');
    await page.screenshot({ path: `${shots}/export-compose.png` });
    await preview.getByRole('tab', { name: 'devcontainer.json' }).click();
    const devcontainer = JSON.parse((await preview.getByLabel('devcontainer.json').textContent()) ?? '') as {
      image: string;
      runArgs: string[];
      containerEnv: Record<string, string>;
    };
    await form
      .getByRole('button', { name: 'Cancel' })
      .or(form.getByRole('button', { name: 'Close' }))
      .first()
      .click();

    try {
      writeFileSync(join(dir, 'compose.yaml'), yaml ?? '');
      execFileSync('docker-compose', ['-p', project, '-f', join(dir, 'compose.yaml'), 'up', '--no-start'], { stdio: 'pipe' });
      // The same line through the docker CLI, the reference both exports must equal.
      const reference = containers.name('ref');
      docker(
        'create',
        '--name',
        reference,
        '--label',
        fixtureLabel,
        '--device',
        '/dev/null:/dev/lidar:rw',
        '--ipc',
        'host',
        '--shm-size',
        '256m',
        '--cap-add',
        'NET_ADMIN',
        '--restart',
        'on-failure:2',
        '--memory',
        '64m',
        '--cpus',
        '0.5',
        '--add-host',
        'base.robot:127.0.0.1',
        '-e',
        'USE_SIM=no',
        '-v',
        '/tmp:/data:ro',
        '--hostname',
        'robot-1',
        '--entrypoint',
        'sh',
        fixtureImage,
        '-c',
        'while true; do sleep 1; done',
      );
      const withoutNetwork = (name: string) => ({ ...robotSettings(name), NetworkMode: undefined });
      expect(withoutNetwork(exported)).toEqual(withoutNetwork(reference));
      const config = (name: string) =>
        docker('inspect', '--format', '{{json .Config.Entrypoint}} {{json .Config.Cmd}} {{.Config.Hostname}}', name);
      expect(config(exported)).toBe(config(reference));
      expect(docker('inspect', '--format', '{{json .Config.Env}}', exported)).toContain('USE_SIM=no');
      const mounts = JSON.parse(docker('inspect', '--format', '{{json .Mounts}}', exported)) as Array<Record<string, unknown>>;
      expect(mounts).toEqual([expect.objectContaining({ Type: 'bind', Source: '/tmp', Destination: '/data', RW: false })]);

      const env = Object.entries(devcontainer.containerEnv).flatMap(([k, v]) => ['--env', `${k}=${v}`]);
      docker('create', '--name', viaCompose, ...devcontainer.runArgs, ...env, devcontainer.image, '-c', 'while true; do sleep 1; done');
      expect(robotSettings(viaCompose)).toEqual(robotSettings(reference));
      expect(config(viaCompose)).toBe(config(reference));
    } finally {
      execFileSync('docker-compose', ['-p', project, '-f', join(dir, 'compose.yaml'), 'down'], { stdio: 'pipe' });
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('presets are toggles that show their flags, resolve /dev/shm against --ipc host, and say what the engine host lacks before Run', async ({
    page,
  }) => {
    const berth = new BerthPage(page);
    await berth.open('berth-e2e-again-');
    await page.getByRole('button', { name: 'Run container…' }).click();
    const form = page.getByRole('dialog', { name: 'Run a container' });
    await expect(form.getByRole('status').filter({ hasText: "Checked on the engine's host" })).toBeVisible();
    const chip = (name: string) => form.getByRole('group', { name: 'Presets' }).getByRole('button', { name, exact: true });
    const line = form.getByRole('region', { name: 'What Berth will run' });

    await chip('Large /dev/shm').click();
    await expect(chip('Large /dev/shm')).toHaveAttribute('aria-pressed', 'true');
    await expect(chip('Large /dev/shm')).toContainText('--shm-size 1g');
    await chip('ROS on host network').click();
    await expect(form.getByText('--shm-size 1g taken out: with --ipc host the container shares the host')).toBeVisible();
    await expect(chip('Large /dev/shm')).toHaveAttribute('aria-pressed', 'false');
    await expect(line).toContainText('--network host --ipc host');
    await expect(line).not.toContainText('--shm-size');
    await chip('ROS on host network').click();
    await expect(line).not.toContainText('--ipc host');

    const info = JSON.parse(docker('info', '--format', '{{json .Runtimes}}')) as Record<string, unknown>;
    test.skip('nvidia' in info, 'this engine has the NVIDIA runtime');
    const gpuName = containers.name('gpu');
    await form.getByLabel('Image', { exact: true }).fill(fixtureImage);
    await form.getByLabel('Name', { exact: true }).fill(gpuName);
    await chip('GPU').click();
    await expect(form.getByText(/This engine has no NVIDIA runtime \(docker info lists: .*runc/)).toBeVisible();
    await form.getByRole('group', { name: 'Presets' }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${shots}/presets-host-check.png` });
    await form.getByRole('button', { name: 'Run', exact: true }).click();
    await expect(form.getByText('One field needs attention')).toBeVisible();
    expect(containerExists(gpuName)).toBe(false);
  });
});
