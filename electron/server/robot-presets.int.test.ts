import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
function specAfter(name: string, ids: PresetId[]): RunSpec {
  let fields: RunFormFields = { ...emptyFields(fixtureImage), name, command: 'sleep 300' };
  for (const id of ids) fields = togglePreset(fields, id, null).fields;
  fields = { ...fields, labels: [{ id: 0, key: fixtureLabel, value: 'true' }] };
  const checked = validateFields(fields);
  if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
  return checked.spec;
}

/** What the chip says the preset adds, read as docker would read it. */
function chipSpec(id: PresetId): RunSpec {
  const parsed = parseDockerRun(`docker run ${presetFlags(id, null)} ${fixtureImage}`);
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
