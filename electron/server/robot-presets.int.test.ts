import { chmodSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HostResources } from '../../shared/robot-run-contract.js';
import { hostCookie } from '../../shared/xauth-check.js';
import { parseDockerRun } from '../../shared/docker-run-parser.js';
import type { RunSpec } from '../../shared/run-spec.js';
import { isBerthError } from '../../shared/errors.js';
import { fixtureImage, fixtureLabel, removeFixtures, testDocker, uniqueName } from '../test-support/engine-fixtures.js';
import { EngineConnection } from '../engine/engine-connection.js';
import { readHostResources } from '../engine/containers/host-resources.js';
import { runContainer } from '../engine/containers/run-container.js';
import { emptyFields, validateFields, type RunFormFields } from '../../renderer/features/run-form/run-form-fields.js';
import { hostProblems, presetFlags, togglePreset, type PresetId } from '../../renderer/features/run-form/robot-presets.js';

/** The run form after these preset toggles, as the spec Run sends. */
function specAfter(name: string, ids: PresetId[], host: HostResources | null = null): RunSpec {
  let fields: RunFormFields = { ...emptyFields(fixtureImage), name, command: 'sleep 300' };
  for (const id of ids) fields = togglePreset(fields, id, host).fields;
  fields = { ...fields, labels: [{ id: 0, key: fixtureLabel, value: 'true' }] };
  const checked = validateFields(fields);
  if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
  return checked.spec;
}

/** What the chip says the preset adds, read as docker would read it. */
function chipSpec(id: PresetId, host: HostResources | null = null): RunSpec {
  const parsed = parseDockerRun(`docker run ${presetFlags(id, host)} ${fixtureImage}`);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.spec;
}

describe('robot presets against what the engine created', () => {
  const connection = new EngineConnection({ id: 'test-robot-presets' });
  beforeAll(() => connection.connect());
  afterAll(async () => {
    connection.close();
    await removeFixtures('berth-test-h8preset-');
  });
  const name = (what: string) => uniqueName(what).replace(/^berth-test-/, 'berth-test-h8preset-');

  it('ROS on host network: the container has the network, IPC namespace and variable the chip shows', async () => {
    const n = name('ros');
    await runContainer(connection, specAfter(n, ['ros-host']), true);
    const info = await testDocker.getContainer(n).inspect();
    const chip = chipSpec('ros-host');
    expect(info.HostConfig.NetworkMode).toBe(chip.network);
    expect(info.HostConfig.IpcMode).toBe(chip.ipc);
    expect(info.Config.Env).toEqual(expect.arrayContaining(chip.env.map((e) => `${e.key}=${e.value}`)));
  });

  it('ROS then a large /dev/shm: the conflict is resolved as the note says, and the engine made exactly that', async () => {
    const n = name('shm');
    await runContainer(connection, specAfter(n, ['ros-host', 'shm']), true);
    const info = await testDocker.getContainer(n).inspect();
    expect(info.HostConfig.ShmSize).toBe(chipSpec('shm').shmSize);
    expect(info.HostConfig.IpcMode).not.toBe('host');
    expect(info.HostConfig.NetworkMode).toBe('host');
  });

  it('X11 display with the host’s cookie: the container has the socket folder, the cookie read-only and the variables the chip shows', async () => {
    const x11Dir = '/tmp/.X11-unix';
    const madeDir = !existsSync(x11Dir);
    if (madeDir) mkdirSync(x11Dir, { mode: 0o1777 });
    const cookie = `/tmp/xauth_berth-h8preset-${process.pid}`;
    writeFileSync(cookie, Buffer.alloc(52, 3));
    chmodSync(cookie, 0o600);
    try {
      const host = await readHostResources(connection, fixtureImage);
      const n = name('x11');
      await runContainer(connection, specAfter(n, ['x11'], host), true);
      const info = await testDocker.getContainer(n).inspect();
      const chip = chipSpec('x11', host);
      // Ours, unless the machine has a desktop user's cookie, which the preset prefers.
      const chosen = hostCookie(host.xauth);
      expect(chosen).toBeDefined();
      expect(chip.mounts).toContainEqual(expect.objectContaining({ source: chosen?.path, target: '/tmp/.docker.xauth', readOnly: true }));
      expect(info.Config.Env).toEqual(expect.arrayContaining(chip.env.map((e) => `${e.key}=${e.value}`)));
      const mounts = info.Mounts.map((m) => ({ source: m.Source, target: m.Destination, readOnly: !m.RW }));
      for (const m of chip.mounts) expect(mounts).toContainEqual({ source: m.source, target: m.target, readOnly: m.readOnly ?? false });
    } finally {
      rmSync(cookie, { force: true });
      if (madeDir) rmSync(x11Dir, { recursive: true, force: true });
    }
  });

  it('GPU on an engine without the NVIDIA runtime: the host check says so first, and the engine’s refusal is put in words', async () => {
    const host = await readHostResources(connection, fixtureImage);
    // An engine with the runtime would run it: nothing to translate there.
    if (host.nvidiaRuntime) return;
    const n = name('gpu');
    const fields: RunFormFields = togglePreset(emptyFields(fixtureImage), 'gpu', host).fields;
    expect(hostProblems(fields, host).gpus).toMatch(/^This engine has no NVIDIA runtime/);
    const result = await runContainer(connection, specAfter(n, ['gpu']), true).catch((err: unknown) => err);
    const said = isBerthError(result) ? result.message : (result as { startError?: string }).startError;
    expect(said).toMatch(/^This engine has no NVIDIA runtime, so --gpus cannot work here \(the engine said: .*\[\[gpu\]\]/);
    const info = await testDocker
      .getContainer(n)
      .inspect()
      .catch(() => undefined);
    if (info) expect(info.HostConfig.DeviceRequests).toEqual([expect.objectContaining({ Driver: '', Count: -1, Capabilities: [['gpu']] })]);
  });
});
