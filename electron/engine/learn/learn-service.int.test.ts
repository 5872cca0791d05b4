import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LearnCheck } from '../../../shared/learn-types.js';
import { learnCheckSchema } from '../../../shared/learn-types.js';
import type { HostResources } from '../../../shared/robot-run-contract.js';
import { dockerCli, fixtureImage, fixtureLabel, testDocker, waitFor } from '../../test-support/engine-fixtures.js';
import { EngineConnection } from '../engine-connection.js';
import { LearnService } from './learn-service.js';
import { LessonCleanup } from './lesson-cleanup.js';

const run = Math.random().toString(36).slice(2, 7);
const prefix = `berth-test-learn-${run}`;
const registry = '127.0.0.1:5000';
const noHost: HostResources = { serial: [], cameras: [], joysticks: [], dri: [], x11: [], wayland: [], runtimes: [], nvidiaRuntime: false };

describe('learn.check against the real engine', () => {
  const connection = new EngineConnection({ id: 'test-learn' });
  const learn = new LearnService(connection);
  const cleanup = new LessonCleanup(connection);
  const containers: string[] = [];
  const images: string[] = [];
  const buildDir = mkdtempSync(join(tmpdir(), 'berth-learn-build-'));

  const status = async (check: LearnCheck): Promise<string> => {
    const outcome = await learn.check([learnCheckSchema.parse(check)]);
    return outcome.status;
  };
  const detail = async (check: LearnCheck): Promise<string> => (await learn.check([learnCheckSchema.parse(check)])).results[0]!.detail;

  const make = async (what: string, options: { lesson?: string; cmd?: string[]; tty?: boolean; host?: object; start?: boolean }) => {
    const name = `${prefix}-${what}`;
    const c = await testDocker.createContainer({
      name,
      Image: fixtureImage,
      Cmd: options.cmd ?? ['sh', '-c', 'sleep 3600'],
      Tty: options.tty ?? false,
      OpenStdin: options.tty ?? false,
      Labels: { [fixtureLabel]: 'true', ...(options.lesson ? { 'berth.lesson': options.lesson } : {}) },
      StopSignal: 'SIGKILL',
      HostConfig: options.host ?? {},
    });
    containers.push(name);
    if (options.start !== false) await c.start();
    return name;
  };

  const build = (tag: string, lastLine: string, noCache = false): void => {
    writeFileSync(
      join(buildDir, 'Dockerfile'),
      [`FROM ${fixtureImage}`, 'LABEL berth.lesson=build', 'RUN cat /proc/sys/kernel/random/uuid > /build-id', lastLine, ''].join('\n'),
    );
    images.push(tag);
    dockerCli('build', '-q', ...(noCache ? ['--no-cache'] : []), '-t', tag, buildDir);
  };

  beforeAll(async () => {
    await connection.connect();
  });

  afterAll(async () => {
    for (const c of containers)
      await testDocker
        .getContainer(c)
        .remove({ force: true })
        .catch(() => undefined);
    for (const i of images.reverse())
      await testDocker
        .getImage(i)
        .remove()
        .catch(() => undefined);
    rmSync(buildDir, { recursive: true, force: true });
    connection.close();
  });

  it('imageExists: the engine has it (and its lesson label), or says it has not', async () => {
    expect(await status({ kind: 'imageExists', ref: fixtureImage })).toBe('passed');
    expect(await status({ kind: 'imageExists', ref: `${prefix}/nothing:here` })).toBe('failed');
    expect(await detail({ kind: 'imageExists', ref: fixtureImage, lesson: 'images' })).toMatch(/no label berth\.lesson=images/);
  });

  it('containerExists: name, label, state, image, -it and network each decide', async () => {
    const first = await make('first', { lesson: 'images', tty: true });
    const want = { kind: 'containerExists', name: first, lesson: 'images' } as const;
    expect(await status({ ...want, state: 'running', image: fixtureImage, interactive: true })).toBe('passed');
    expect(await status({ ...want, name: `${prefix}-absent` })).toBe('failed');
    expect(await status({ ...want, lesson: 'build' })).toBe('failed');
    expect(await detail({ ...want, state: 'exited' })).toMatch(/is running; it should have exited/);
    expect(await status({ ...want, network: 'host' })).toBe('failed');
    const plain = await make('plain', { lesson: 'images' });
    expect(await detail({ ...want, name: plain, interactive: true })).toMatch(/without -it/);
    expect(await status({ ...want, image: `${prefix}/nothing:here` })).toBe('failed');
  });

  it('fileInDiff: a file the container wrote is in its diff; a fresh container from the same image has none', async () => {
    const writer = await make('writer', { lesson: 'images', cmd: ['sh', '-c', 'echo hello > /hello.txt; sleep 3600'] });
    const fresh = await make('fresh', { lesson: 'images' });
    await waitFor(
      async () =>
        (await status({ kind: 'fileInDiff', container: writer, path: '/hello.txt', expect: 'present' })) === 'passed' ? true : undefined,
      'the file in the diff',
    );
    expect(await status({ kind: 'fileInDiff', container: writer, path: '/hello.txt', expect: 'absent' })).toBe('failed');
    expect(await status({ kind: 'fileInDiff', container: fresh, path: '/hello.txt', expect: 'absent' })).toBe('passed');
    expect(await status({ kind: 'fileInDiff', container: fresh, path: '/hello.txt', expect: 'present' })).toBe('failed');
    expect(await status({ kind: 'fileInDiff', container: `${prefix}-absent`, path: '/hello.txt', expect: 'absent' })).toBe('failed');
  });

  it('imageHasMoreLayersThan and imagePushed: a commit adds a layer; a push records the registry digest', async () => {
    const writer = `${prefix}-writer`;
    const committed = `${prefix}/first:v2`;
    images.push(committed);
    await testDocker.getContainer(writer).commit({ repo: `${prefix}/first`, tag: 'v2' });
    expect(await status({ kind: 'imageHasMoreLayersThan', ref: committed, base: fixtureImage })).toBe('passed');
    expect(await status({ kind: 'imageHasMoreLayersThan', ref: fixtureImage, base: fixtureImage })).toBe('failed');
    expect(await status({ kind: 'imageHasMoreLayersThan', ref: fixtureImage, base: committed })).toBe('failed');
    // The commit keeps the container's labels: the lesson's image is marked as the lesson's.
    expect(await status({ kind: 'imageExists', ref: committed, lesson: 'images' })).toBe('passed');

    const pushed = `${registry}/${prefix}/first:v2`;
    dockerCli('tag', committed, pushed);
    images.push(pushed);
    expect(await detail({ kind: 'imagePushed', ref: pushed })).toMatch(/has not been pushed/);
    dockerCli('push', pushed);
    expect(await status({ kind: 'imagePushed', ref: pushed })).toBe('passed');
  });

  it('rebuildUsedCache: a rebuild after changing the last line reuses the RUN layer; --no-cache or no change does not pass', async () => {
    const one = `${prefix}/built:1`;
    const two = `${prefix}/built:2`;
    const fresh = `${prefix}/built:3`;
    build(one, 'CMD ["cat", "/build-id"]');
    build(two, 'CMD ["sh", "-c", "echo reused && cat /build-id"]');
    build(fresh, 'CMD ["echo", "all new"]', true);
    const check = { kind: 'rebuildUsedCache', previous: one, base: fixtureImage } as const;
    expect(await status({ ...check, ref: two })).toBe('passed');
    expect(await detail({ ...check, ref: fresh })).toMatch(/shares no layer/);
    expect(await detail({ ...check, ref: one })).toMatch(/same image/);
    expect(await status({ ...check, ref: `${prefix}/built:none` })).toBe('failed');
  });

  it('hostNetworkTalk: a listener on the host network hears the talker; one on a bridge network does not', async () => {
    const port = 20000 + Math.floor(Math.random() * 20000);
    const message = `hello from ${run}`;
    const host = { NetworkMode: 'host' };
    const talker = await make('talker', {
      lesson: 'robotics',
      host,
      cmd: ['sh', '-c', `mkdir -p /www && echo "${message}" > /www/chatter && exec httpd -f -p 127.0.0.1:${port} -h /www`],
    });
    const loop = `while true; do wget -qO- http://127.0.0.1:${port}/chatter; sleep 1; done`;
    const listener = await make('listener', { lesson: 'robotics', host, cmd: ['sh', '-c', loop] });
    const outsider = await make('outsider', { lesson: 'robotics', cmd: ['sh', '-c', loop] });
    await waitFor(
      async () => ((await status({ kind: 'hostNetworkTalk', talker, listener, message })) === 'passed' ? true : undefined),
      'the listener to hear the talker',
      20_000,
    );
    expect(await detail({ kind: 'hostNetworkTalk', talker, listener: outsider, message })).toMatch(/not on the host network/);
    expect(await detail({ kind: 'hostNetworkTalk', talker, listener, message: 'never said' })).toMatch(/has not printed/);
  });

  it('deviceMapped and displayShared: skipped on a host without them, decided by the container where the host has them', async () => {
    const withDevice = await make('device', {
      lesson: 'robotics',
      host: { Devices: [{ PathOnHost: '/dev/null', PathInContainer: '/dev/ttyUSB0', CgroupPermissions: 'rwm' }] },
    });
    const withDisplay = `${prefix}-gui`;
    containers.push(withDisplay);
    const gui = await testDocker.createContainer({
      name: withDisplay,
      Image: fixtureImage,
      Cmd: ['sleep', '3600'],
      Env: ['DISPLAY=:0'],
      Labels: { [fixtureLabel]: 'true', 'berth.lesson': 'robotics' },
      StopSignal: 'SIGKILL',
      // A tmpfs where the X11 socket folder goes: the same settings, without touching the host's /tmp.
      HostConfig: { Mounts: [{ Type: 'tmpfs', Source: '', Target: '/tmp/.X11-unix' }] },
    });
    await gui.start();
    const plain = await make('nodevice', { lesson: 'robotics' });

    const bare = new LearnService(connection, () => Promise.resolve(noHost));
    const rich = new LearnService(connection, () => Promise.resolve({ ...noHost, serial: ['/dev/null'], x11: ['/tmp/.X11-unix/X0'] }));
    const ask = async (service: LearnService, check: LearnCheck): Promise<string> =>
      (await service.check([learnCheckSchema.parse(check)])).status;
    const device = { kind: 'deviceMapped', helperImage: fixtureImage } as const;
    const display = { kind: 'displayShared', helperImage: fixtureImage } as const;
    expect(await ask(bare, { ...device, container: withDevice })).toBe('skipped');
    expect(await ask(bare, { ...display, container: withDisplay })).toBe('skipped');
    expect(await ask(rich, { ...device, container: withDevice })).toBe('passed');
    expect(await ask(rich, { ...device, container: plain })).toBe('failed');
    expect(await ask(rich, { ...display, container: withDisplay })).toBe('passed');
    expect(await ask(rich, { ...display, container: plain })).toBe('failed');

    // The real reader, through a helper container: this machine has no serial port or display.
    const real = await learn.check([learnCheckSchema.parse({ ...device, container: plain })]);
    const hostHasDevices = real.results[0]!.status !== 'skipped';
    if (!hostHasDevices) expect(real.results[0]!.detail).toMatch(/no serial port, camera or joystick/);
  });

  it('one failing check fails the step; every check passing passes it', async () => {
    const outcome = await learn.check([
      learnCheckSchema.parse({ kind: 'imageExists', ref: fixtureImage }),
      learnCheckSchema.parse({ kind: 'imageExists', ref: `${prefix}/nothing:here` }),
    ]);
    expect(outcome.status).toBe('failed');
    expect(outcome.results.map((r) => r.status)).toEqual(['passed', 'failed']);
  });

  it('clean-up lists and removes only what carries the lesson label and the prefix', async () => {
    const outsider = await make('unlabelled', {});
    const otherPrefix = `berth-test-learn-other-${run}`;
    const foreign = await testDocker.createContainer({
      name: `${otherPrefix}-first`,
      Image: fixtureImage,
      Cmd: ['true'],
      Labels: { [fixtureLabel]: 'true', 'berth.lesson': 'images' },
    });
    containers.push(`${otherPrefix}-first`);

    const objects = await cleanup.objects('images', prefix);
    const names = objects.containers.map((c) => c.name);
    expect(names).toEqual(expect.arrayContaining([`${prefix}-first`, `${prefix}-writer`, `${prefix}-fresh`]));
    expect(names).not.toContain(outsider);
    expect(names).not.toContain(`${otherPrefix}-first`);
    expect(objects.images.map((i) => i.ref).sort()).toEqual([`${prefix}/first:v2`, `${registry}/${prefix}/first:v2`].sort());

    // Asked to remove one that is not the lesson's, it refuses and keeps it.
    const outcomes = await cleanup.remove({
      lesson: 'images',
      prefix,
      containers: [...names, outsider],
      images: objects.images.map((i) => i.ref),
    });
    expect(outcomes.filter((o) => !o.removed).map((o) => o.ref)).toEqual([outsider]);
    expect(await testDocker.getContainer(outsider).inspect()).toBeTruthy();
    expect(await testDocker.getContainer(foreign.id).inspect()).toBeTruthy();
    expect(await cleanup.objects('images', prefix)).toEqual({ containers: [], images: [] });
  });
});
