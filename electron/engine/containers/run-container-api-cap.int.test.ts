import { afterAll, describe, expect, it } from 'vitest';
import { emptyRunSpec, type RunSpec } from '../../../shared/run-spec.js';
import {
  containerExists as exists,
  fixtureImage,
  fixtureLabel,
  removeFixtures,
  testDocker,
  uniqueName,
} from '../../test-support/engine-fixtures.js';
import { EngineConnection } from '../engine-connection.js';
import { ImageActions } from '../images/image-actions.js';
import { LayerIndex } from '../images/layer-index.js';
import { TerminalSessions } from '../terminal/terminal-sessions.js';
import { VolumesService } from '../volumes/volumes-service.js';
import { runContainer } from './run-container.js';

const prefix = 'berth-test-h4cap-';

function gpuSpec(name: string): RunSpec {
  return { ...emptyRunSpec(fixtureImage), name, gpus: 1, labels: [{ key: fixtureLabel, value: 'true' }] };
}

/** The error a promise rejects with (fails the test when it resolves). */
async function refusal(promise: Promise<unknown>): Promise<{ code?: string; message: string; path?: ReadonlyArray<string | number> }> {
  return promise.then(
    () => expect.fail('expected a refusal'),
    (err: unknown) => err as { code?: string; message: string; path?: ReadonlyArray<string | number> },
  );
}

describe('requests an older engine API lacks are refused by Berth, not passed on to be silently ignored', () => {
  const connections: EngineConnection[] = [];
  const connect = async (maxApiVersion: string): Promise<EngineConnection> => {
    const connection = new EngineConnection({ id: `h4-cap-${maxApiVersion}`, maxApiVersion });
    connections.push(connection);
    const status = await connection.connect();
    expect(status).toMatchObject({ state: 'connected', apiVersion: maxApiVersion });
    return connection;
  };

  afterAll(async () => {
    for (const c of connections) c.close();
    await removeFixtures(prefix);
  });

  it('API 1.39: a GPU run is refused naming the engine’s API and the minimum, at the GPUs field, and no container is created', async () => {
    const connection = await connect('1.39');
    const name = uniqueName('h4cap');
    const err = await refusal(runContainer(connection, gpuSpec(name), true));
    expect(err).toMatchObject({ code: 'BAD_REQUEST', path: ['gpus'] });
    expect(err.message).toBe('This engine speaks Docker API 1.39; GPU requests (docker run --gpus) needs API 1.40 or newer.');
    expect(await exists(name)).toBe(false);
    // `docker run -it` in a terminal creates through the same path: refused the same way.
    const terminals = new TerminalSessions(connection);
    const interactive = uniqueName('h4cap');
    const refusedRun = await refusal(terminals.run('h4-client', gpuSpec(interactive), 80, 24));
    expect(refusedRun).toMatchObject({ code: 'BAD_REQUEST', path: ['gpus'] });
    expect(refusedRun.message).toMatch(/speaks Docker API 1\.39; GPU requests .* needs API 1\.40/);
    expect(await exists(interactive)).toBe(false);
    await terminals.closeAll();
    // The same spec without GPUs runs on that engine: only the GPU request is refused.
    const plain = uniqueName('h4cap');
    await expect(runContainer(connection, { ...gpuSpec(plain), gpus: undefined }, false)).resolves.toMatchObject({ name: plain });
  });

  it('API 1.41: the GPU request reaches the engine, which records it on the container it creates', async () => {
    const connection = await connect('1.41');
    const name = uniqueName('h4cap');
    // Created, not started: whether this engine has an NVIDIA runtime does not matter here.
    await expect(runContainer(connection, gpuSpec(name), false)).resolves.toMatchObject({ name, started: false });
    const info = await testDocker.getContainer(name).inspect();
    const requests = (info.HostConfig as { DeviceRequests?: Array<{ Count: number; Capabilities: string[][] }> }).DeviceRequests;
    expect(requests).toEqual([expect.objectContaining({ Count: 1, Capabilities: [['gpu']] })]);
  });

  it('API 1.24: volume sizes (system df) and image prune are refused by Berth with the versions, before the engine is asked', async () => {
    const connection = await connect('1.24');
    const sizes = await refusal(new VolumesService(connection).sizes());
    expect(sizes).toMatchObject({ code: 'BAD_REQUEST' });
    expect(sizes.message).toBe('This engine speaks Docker API 1.24; volume sizes (docker system df) needs API 1.25 or newer.');
    // A label no image has, so even a broken guard would prune nothing on the shared engine.
    const actions = new ImageActions(connection, new LayerIndex(connection));
    const prune = await refusal(actions.prune({ label: `berth.h4-never-${process.pid}=none` }));
    expect(prune.message).toBe('This engine speaks Docker API 1.24; image prune (docker image prune) needs API 1.25 or newer.');
  });
});
