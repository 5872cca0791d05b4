import { describe, expect, it } from 'vitest';
import { parseDockerRun } from '../../../shared/docker-run-parser.js';
import { runSpecSchema, type RunSpec } from '../../../shared/run-spec.js';
import { BerthError } from '../../../shared/errors.js';
import { BerthClient } from '../../api/client.js';
import { FakeTransport } from '../../test-support/fake-transport.js';
import { createActionRunner } from '../activity/action-runner.js';
import { createActivityStore, selectOpenErrors } from '../activity/activity-store.js';
import { errorsFromIssues, errorsUnder, fieldKeyOfPath, firstErrorUnder, validateFields } from './run-form-fields.js';
import { createRunFormStore, selectCommandLine } from './run-form-store.js';
import { desktopHost } from './run-form-test-support.js';

function setup(transport = new FakeTransport()) {
  const activity = createActivityStore();
  const run = createActionRunner(new BerthClient(transport), activity);
  const interactive: RunSpec[] = [];
  const shown: Array<{ id: string; name: string }> = [];
  const form = createRunFormStore({
    run,
    runInteractive: (spec) => {
      interactive.push(spec);
      return spec.name === 'taken'
        ? Promise.reject(new BerthError({ code: 'CONFLICT', message: 'The container name "/taken" is already in use', path: ['name'] }))
        : Promise.resolve({ containerId: 'c1', containerName: spec.name ?? 'happy_duck' });
    },
    showContainer: (c) => shown.push(c),
  });
  return { form, activity, transport, interactive, shown, s: () => form.getState() };
}

describe('run form store', () => {
  it('opens with the image of an images row, and keeps a draft when opened from the toolbar', () => {
    const { s } = setup();
    s().openForm({ image: 'ros:humble' });
    expect(s().open).toBe(true);
    expect(s().fields.image).toBe('ros:humble');
    s().setField('name', 'talker');
    s().close();
    s().openForm();
    expect(s().fields).toMatchObject({ image: 'ros:humble', name: 'talker' });
  });

  it('applies each preset on top of the form, without duplicates', () => {
    const { s } = setup();
    s().openForm({ image: 'ros:humble' });
    s().addRow('env'); // a blank row the preset replaces
    s().applyPreset('ros-host');
    s().applyPreset('ros-host');
    expect(s().fields.networkMode).toBe('host');
    expect(s().fields.env.map((e) => [e.key, e.value])).toEqual([['ROS_DOMAIN_ID', '0']]);

    s().applyPreset('serial');
    s().applyPreset('serial');
    expect(s().fields.devices.map((d) => d.hostPath)).toEqual(['/dev/ttyUSB0']);

    s().applyPreset('x11');
    expect(s().fields.env.map((e) => `${e.key}=${e.value}`)).toEqual(['ROS_DOMAIN_ID=0', 'DISPLAY=:0']);
    expect(s().fields.mounts).toMatchObject([{ type: 'bind', source: '/tmp/.X11-unix', target: '/tmp/.X11-unix', readOnly: false }]);

    s().applyPreset('gpu');
    expect(s().fields.gpuMode).toBe('all');
    expect(selectCommandLine(s())).toBe(
      'docker run --detach --network host --ipc host --env ROS_DOMAIN_ID=0 --env DISPLAY=:0 --volume /tmp/.X11-unix:/tmp/.X11-unix --device /dev/ttyUSB0 --gpus all ros:humble',
    );
    s().applyPreset('shm');
    expect(selectCommandLine(s())).toContain('--gpus all --shm-size 1g ros:humble');
  });

  it('shows the command line as the form is typed, leaving out half-typed numbers', () => {
    const { s } = setup();
    s().setField('image', 'berth-fixture/busybox:latest');
    s().setField('name', 'web');
    s().setField('command', "sh -c 'sleep 300'");
    s().addRow('ports');
    const port = s().fields.ports[0]!;
    s().updateRow('ports', port.id, { hostPort: '80a', containerPort: '80' });
    expect(selectCommandLine(s())).toBe("docker run --detach --name web --publish 80 berth-fixture/busybox:latest sh -c 'sleep 300'");
    s().updateRow('ports', port.id, { hostPort: '8080', protocol: 'udp' });
    expect(selectCommandLine(s())).toContain('--publish 8080:80/udp');
  });

  it('round-trips spec → command → paste → form → command', () => {
    const line =
      "docker run --detach -it --rm --name cam --restart on-failure:3 --network host --publish 127.0.0.1:8080:80 --env 'A=hello world' --volume data:/data:ro --device /dev/video0:/dev/video0:rw --privileged --gpus 2 --workdir /app --user 1000:1000 --label team=robots --entrypoint /bin/sh ros:humble -c 'echo hi'";
    const parsed = parseDockerRun(line);
    expect(parsed.ok).toBe(true);
    const { s } = setup();
    s().setPasteText(line);
    expect(s().applyPaste()).toBe(true);
    expect(s().fields).toMatchObject({
      name: 'cam',
      networkMode: 'host',
      gpuMode: 'count',
      gpuCount: '2',
      restart: 'on-failure',
      restartMaxRetries: '3',
    });
    expect(selectCommandLine(s())).toBe(line);
    const checked = validateFields(s().fields);
    expect(checked.ok && checked.spec).toEqual(parsed.ok && parsed.spec);
  });

  it('round-trips resources, capabilities, namespaces and hosts through paste → form → command', () => {
    const line =
      'docker run --detach --name ros --hostname robot-1 --add-host db:127.0.0.1 --add-host gw:host-gateway --ipc host --pid host --cap-add NET_ADMIN --cap-add SYS_NICE --cap-drop MKNOD --cpus 0.5 --memory 64m --memory-swap -1 --shm-size 128m ros:humble';
    const parsed = parseDockerRun(line);
    const { s } = setup();
    s().setPasteText(line);
    expect(s().applyPaste()).toBe(true);
    expect(s().fields).toMatchObject({
      cpus: '0.5',
      memory: '64m',
      memorySwap: '-1',
      shmSize: '128m',
      capAdd: 'NET_ADMIN SYS_NICE',
      capDrop: 'MKNOD',
      ipc: 'host',
      pidHost: true,
      hostname: 'robot-1',
    });
    expect(s().fields.extraHosts.map((h) => `${h.host}:${h.ip}`)).toEqual(['db:127.0.0.1', 'gw:host-gateway']);
    expect(selectCommandLine(s())).toBe(line);
    const checked = validateFields(s().fields);
    expect(checked.ok && checked.spec).toEqual(parsed.ok && parsed.spec);
  });

  it('says beside each resource and security field what is wrong, before anything is sent', async () => {
    const { s, transport } = setup();
    s().setField('image', 'x');
    s().setField('cpus', 'half');
    s().setField('memory', '12x');
    s().setField('shmSize', '0');
    s().setField('capAdd', 'NET_ADMIN, NET_ADMN');
    s().setField('hostname', 'bad_host!');
    s().addRow('extraHosts');
    s().updateRow('extraHosts', s().fields.extraHosts[0]!.id, { host: 'db', ip: 'not-an-ip' });
    expect(selectCommandLine(s())).toBe(
      "docker run --detach --hostname 'bad_host!' --add-host db:not-an-ip --cap-add NET_ADMIN --cap-add NET_ADMN --shm-size 0 x",
    );
    expect(await s().submit(true)).toBe(false);
    expect(transport.callsTo('containers.run')).toHaveLength(0);
    const e = s().errors;
    expect(e['cpus']).toBe('CPUs must be a number such as 0.5 or 2');
    expect(e['memory']).toBe('Memory must be like 512m or 2g');
    expect(e['shmSize']).toBe('Shared memory must be more than 0');
    expect(firstErrorUnder(e, 'capAdd')).toBe('NET_ADMN is not a Linux capability (such as NET_ADMIN, SYS_PTRACE or ALL)');
    expect(e['hostname']).toMatch(/A host name/);
    expect(errorsUnder(e, 'extraHosts')).toEqual(['Host 1, IP: An IPv4 or IPv6 address, or host-gateway']);
    s().setField('capAdd', 'NET_ADMIN');
    expect(firstErrorUnder(s().errors, 'capAdd')).toBeUndefined();
  });

  it('memory under 6m, and memory + swap without memory or under it, are refused with the reason', () => {
    const { s } = setup();
    s().setField('image', 'x');
    s().setField('memory', '4m');
    s().setField('memorySwap', '1g');
    let checked = validateFields(s().fields);
    expect(!checked.ok && checked.errors['memory']).toBe('Memory must be at least 6m: the engine refuses less');
    s().setField('memory', '');
    checked = validateFields(s().fields);
    expect(!checked.ok && checked.errors['memorySwap']).toBe('Set a memory limit too: memory + swap counts from it');
    s().setField('memory', '2g');
    checked = validateFields(s().fields);
    expect(!checked.ok && checked.errors['memorySwap']).toMatch(/at least the memory limit/);
    s().setField('memorySwap', 'lots');
    checked = validateFields(s().fields);
    expect(!checked.ok && checked.errors['memorySwap']).toBe('Memory + swap must be like 1g, or -1 for unlimited swap');
    s().setField('memorySwap', '4g');
    checked = validateFields(s().fields);
    expect(checked.ok && checked.spec).toMatchObject({ memory: 2 * 1024 ** 3, memorySwap: 4 * 1024 ** 3 });
  });

  it('a paste Berth cannot read says why and leaves the form alone', () => {
    const { s } = setup();
    s().setField('image', 'keep:me');
    s().setPasteText('docker run --blkio-weight 10 x');
    expect(s().applyPaste()).toBe(false);
    expect(s().pasteError).toBe('Berth does not understand the option --blkio-weight yet');
    s().setPasteText('docker run -m 12x x');
    expect(s().applyPaste()).toBe(false);
    expect(s().pasteError).toBe('Bad --memory "12x": memory must be like 512m or 2g');
    expect(s().fields.image).toBe('keep:me');
  });

  it('maps zod issues to the fields they are about, before anything is sent', async () => {
    const { s, transport } = setup();
    s().setField('name', '-bad');
    s().addRow('ports');
    s().updateRow('ports', s().fields.ports[0]!.id, { containerPort: '99999' });
    s().addRow('env');
    s().updateRow('env', s().fields.env[0]!.id, { value: 'orphan' });
    s().setField('command', "sh -c 'oops");
    expect(await s().submit(true)).toBe(false);
    expect(transport.callsTo('containers.run')).toHaveLength(0);
    expect(s().errorEpoch).toBe(1);
    const e = s().errors;
    expect(e['image']).toBe('Choose an image to run');
    expect(e['name']).toMatch(/letters, digits/);
    expect(e['ports.0.containerPort']).toBe('A port number, 1–65535');
    expect(e['env.0.key']).toBe('A key is needed');
    expect(e['command']).toBe('Unclosed single quote');
    expect(errorsUnder(e, 'ports')).toEqual(['Port 1, container port: A port number, 1–65535']);
    // Typing in a field clears its error only.
    s().setField('image', 'x');
    expect(s().errors['image']).toBeUndefined();
    expect(s().errors['name']).toBeDefined();
  });

  it('errorsFromIssues keeps the first message per path, straight from runSpecSchema', () => {
    const parsed = runSpecSchema.safeParse({
      ...validateFieldsSpec(),
      mounts: [{ type: 'bind', source: '', target: 'rel', readOnly: false }],
    });
    expect(parsed.success).toBe(false);
    const errors = errorsFromIssues(parsed.success ? [] : parsed.error.issues);
    expect(errors).toEqual({
      'mounts.0.source': 'A mount needs a source',
      'mounts.0.target': 'A mount target must be an absolute path in the container',
    });
  });

  it('puts an engine refusal beside the field its path names', async () => {
    for (const [path, key] of [
      [['image'], 'image'],
      [['name'], 'name'],
      [['mounts'], 'mounts'],
      [['spec', 'ports'], 'ports'],
    ] as const) {
      const transport = new FakeTransport().fail('containers.run', { code: 'ENGINE_ERROR', message: `refused ${key}`, path: [...path] });
      const { s, activity } = setup(transport);
      s().openForm({ image: 'berth-e2e/nope:1' });
      expect(await s().submit(true)).toBe(false);
      expect(s().errors).toEqual({ [key]: `refused ${key}` });
      expect(s().open).toBe(true);
      // Recorded in the strip as the docker command, but no toast: the form shows it.
      expect(activity.getState().entries[0]).toMatchObject({ command: 'docker run --detach berth-e2e/nope:1', outcome: 'error' });
      expect(selectOpenErrors(activity.getState())).toHaveLength(0);
    }
    expect(fieldKeyOfPath(undefined)).toBeUndefined();
    expect(fieldKeyOfPath(['spec'])).toBeUndefined();
  });

  it('an engine refusal without a path is the form error', async () => {
    const transport = new FakeTransport().fail('containers.run', { code: 'ENGINE_UNAVAILABLE', message: 'No engine answers' });
    const { s } = setup(transport);
    s().openForm({ image: 'x' });
    await s().submit(false);
    expect(s().formError).toBe('No engine answers');
    expect(s().errors).toEqual({});
  });

  it('Run sends start: true and closes; Create sends start: false as docker create', async () => {
    const transport = new FakeTransport().reply('containers.run', (input: unknown) => {
      const { start } = input as { start: boolean };
      return { id: 'c1', name: 'web', started: start };
    });
    const { s, activity } = setup(transport);
    s().openForm({ image: 'nginx' });
    s().setField('name', 'web');
    expect(await s().submit(true)).toBe(true);
    expect(transport.callsTo('containers.run')[0]?.input).toMatchObject({ spec: { image: 'nginx', name: 'web' }, start: true });
    expect(s().open).toBe(false);
    expect(s().fields.image).toBe('');

    s().openForm({ image: 'nginx' });
    expect(await s().submit(false)).toBe(true);
    expect(transport.callsTo('containers.run')[1]?.input).toMatchObject({ start: false });
    expect(activity.getState().entries.map((e) => e.command)).toEqual(['docker run --detach --name web nginx', 'docker create nginx']);
  });

  it('a start refused for want of the NVIDIA runtime is put in words beside the GPU field', async () => {
    const transport = new FakeTransport().reply('containers.run', {
      id: 'c1',
      name: 'sim',
      started: false,
      startError: 'could not select device driver "" with capabilities: [[gpu]]',
    });
    const { s } = setup(transport);
    s().openForm({ image: 'ros' });
    s().setField('gpuMode', 'all');
    expect(await s().submit(true)).toBe(false);
    expect(s().errors.gpus).toMatch(/^This engine has no NVIDIA runtime, so --gpus cannot work here \(the engine said: could not select/);
    expect(s().outcome).toMatchObject({ kind: 'not-started', name: 'sim' });
  });

  it('created but not started: says so and stays open, never silently', async () => {
    const transport = new FakeTransport().reply('containers.run', {
      id: 'c1',
      name: 'cam',
      started: false,
      startError: 'error gathering device information',
    });
    const { s, activity } = setup(transport);
    s().openForm({ image: 'ros' });
    expect(await s().submit(true)).toBe(false);
    expect(s().open).toBe(true);
    expect(s().outcome).toEqual({ kind: 'not-started', id: 'c1', name: 'cam', message: 'error gathering device information' });
    expect(activity.getState().entries[0]).toMatchObject({ outcome: 'error' });
    transport.reply('containers.remove', null);
    await s().removeCreated();
    expect(transport.callsTo('containers.remove')[0]?.input).toEqual({ id: 'c1' });
    expect(activity.getState().entries[1]).toMatchObject({ command: 'docker rm cam', outcome: 'ok' });
    expect(s().outcome).toBeNull();
  });

  it('runs -it through a terminal (no detached run), closes, and shows the new container', async () => {
    const { s, transport, interactive, shown } = setup();
    s().openForm({ image: 'busybox' });
    s().setField('interactive', true);
    s().setField('tty', true);
    expect(selectCommandLine(s())).toBe('docker run -it busybox');
    expect(await s().submit(true)).toBe(true);
    expect(interactive).toHaveLength(1);
    expect(transport.callsTo('containers.run')).toHaveLength(0);
    expect(shown).toEqual([{ id: 'c1', name: 'happy_duck' }]);
    expect(s()).toMatchObject({ open: false, lastRun: { id: 'c1', name: 'happy_duck', started: true, attached: true } });
  });

  it('keeps -d -it in the background: a detached run, shown as docker run --detach -it', async () => {
    const { s, transport, interactive, shown } = setup(
      new FakeTransport().reply('containers.run', { id: 'c2', name: 'bg', started: true }),
    );
    s().setPasteText('docker run -dit busybox');
    expect(s().applyPaste()).toBe(true);
    expect(selectCommandLine(s())).toBe('docker run --detach -it busybox');
    expect(await s().submit(true)).toBe(true);
    expect(interactive).toHaveLength(0);
    expect(transport.callsTo('containers.run')).toHaveLength(1);
    expect(shown).toEqual([{ id: 'c2', name: 'bg' }]);
    expect(s().lastRun).toMatchObject({ attached: false, started: true });
  });

  it('shows the new container after a detached run and after Create too', async () => {
    const { s, shown } = setup(new FakeTransport().reply('containers.run', { id: 'c3', name: 'made', started: false }));
    s().openForm({ image: 'busybox' });
    expect(await s().submit(false)).toBe(true);
    expect(shown).toEqual([{ id: 'c3', name: 'made' }]);
  });

  it('puts a refused -it run beside its field, with the form still open', async () => {
    const { s, shown } = setup();
    s().openForm({ image: 'busybox' });
    s().setField('interactive', true);
    s().setField('tty', true);
    s().setField('name', 'taken');
    expect(await s().submit(true)).toBe(false);
    expect(s().errors['name']).toMatch(/already in use/);
    expect(s().open).toBe(true);
    expect(shown).toEqual([]);
  });

  it('opens the last run again with -it and without its name', async () => {
    const { s } = setup(new FakeTransport().reply('containers.run', { id: 'c4', name: 'quick', started: true }));
    s().openForm({ image: 'busybox' });
    s().setField('name', 'quick');
    await s().submit(true);
    s().runLastInteractive();
    expect(s().open).toBe(true);
    expect(selectCommandLine(s())).toBe('docker run -it busybox');
    expect(s().lastRun).toBeNull();
  });

  it('looks at a cookie mounted from outside the searched folders before it runs, and stops at its field when it is not there', async () => {
    const transport = new FakeTransport();
    const hostWith = (input: unknown) => {
      const paths = (input as { paths?: string[] }).paths;
      return desktopHost({ xauth: [], ...(paths ? { xauthLooked: paths } : {}) });
    };
    transport.reply('engine.hostResources', hostWith);
    const { s } = setup(transport);
    s().openForm({ image: 'ros:humble' });
    await s().loadHost('busybox:latest');
    s().applyPreset('x11');
    s().addRow('env');
    s().updateRow('env', s().fields.env.at(-1)!.id, { key: 'XAUTHORITY', value: '/x' });
    s().addRow('mounts');
    s().updateRow('mounts', s().fields.mounts.at(-1)!.id, { type: 'bind', source: '/srv/cookie', target: '/x' });
    expect(await s().submit(true)).toBe(false);
    expect(transport.callsTo('engine.hostResources').map((c) => c.input)).toEqual([
      { image: 'busybox:latest' },
      { image: 'busybox:latest', paths: ['/srv/cookie'] },
    ]);
    expect(s().errors.mounts).toMatch(/^\/srv\/cookie is not a file on the engine’s host/);
    // Asked once: the next submit does not read the host again.
    await s().submit(true);
    expect(transport.callsTo('engine.hostResources')).toHaveLength(2);
  });
});

function validateFieldsSpec() {
  return {
    image: 'x',
    command: [],
    env: [],
    ports: [],
    mounts: [],
    restart: 'no',
    interactive: false,
    tty: false,
    autoRemove: false,
    devices: [],
    privileged: false,
    labels: [],
  };
}
