import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptyRunSpec, type RunSpec } from '../../../shared/run-spec.js';
import { toRpcError } from '../../rpc/to-rpc-error.js';
import { fixtureImage, fixtureLabel, removeFixtures, testDocker, uniqueName } from '../../test-support/engine-fixtures.js';
import { EngineConnection } from '../engine-connection.js';
import { runContainer } from './run-container.js';

function spec(overrides: Partial<RunSpec>): RunSpec {
  return { ...emptyRunSpec(fixtureImage), labels: [{ key: fixtureLabel, value: 'true' }], ...overrides };
}

async function exists(name: string): Promise<boolean> {
  return testDocker.getContainer(name).inspect().then(() => true, () => false);
}

describe('running a container from the run form, against the real engine', () => {
  const connection = new EngineConnection({ id: 'test-run' });

  beforeAll(async () => {
    await connection.connect();
  });

  afterAll(async () => {
    connection.close();
    await removeFixtures();
  });

  it('creates and starts a container with name, command, env, workdir and host network', async () => {
    const name = uniqueName('run');
    const result = await runContainer(
      connection,
      spec({ name, command: ['sh', '-c', 'sleep 30'], env: [{ key: 'ROS_DOMAIN_ID', value: '7' }], workdir: '/tmp', network: 'host' }),
      true,
    );
    expect(result).toMatchObject({ name, started: true });
    const info = await testDocker.getContainer(name).inspect();
    expect(info.State.Running).toBe(true);
    expect(info.Config.Env).toContain('ROS_DOMAIN_ID=7');
    expect(info.Config.WorkingDir).toBe('/tmp');
    expect(info.HostConfig.NetworkMode).toBe('host');
  });

  it('only creates when asked to (docker create)', async () => {
    const name = uniqueName('create');
    const result = await runContainer(connection, spec({ name }), false);
    expect(result.started).toBe(false);
    expect((await testDocker.getContainer(name).inspect()).State.Status).toBe('created');
  });

  it('points a missing image at the image field and creates nothing', async () => {
    const name = uniqueName('noimage');
    const err = await runContainer(connection, spec({ name, image: 'berth-test/does-not-exist:1' }), true).then(() => undefined, (e: unknown) => e);
    expect(toRpcError(err)).toMatchObject({ code: 'NOT_FOUND', path: ['image'] });
    expect(toRpcError(err).message).toMatch(/no such image/i);
    expect(await exists(name)).toBe(false);
  });

  it('points a name already in use at the name field', async () => {
    const name = uniqueName('dup');
    await runContainer(connection, spec({ name }), false);
    const err = await runContainer(connection, spec({ name }), false).then(() => undefined, (e: unknown) => e);
    expect(toRpcError(err)).toMatchObject({ code: 'CONFLICT', path: ['name'] });
  });

  it('refuses a bind mount whose host path does not exist, creating nothing', async () => {
    const name = uniqueName('badmount');
    const err = await runContainer(
      connection,
      spec({ name, mounts: [{ type: 'bind', source: '/no/such/berth/path', target: '/data', readOnly: false }] }),
      true,
    ).then(() => undefined, (e: unknown) => e);
    expect(toRpcError(err).path).toEqual(['mounts']);
    expect(toRpcError(err).message).toMatch(/does not exist/);
    expect(await exists(name)).toBe(false);
  });

  it('reports a container that was created but failed to start, and leaves it to inspect', async () => {
    const name = uniqueName('nostart');
    const result = await runContainer(connection, spec({ name, command: ['/no-such-binary'] }), true);
    expect(result.started).toBe(false);
    expect(result.startError).toMatch(/no-such-binary|not found|no such file/i);
    expect(await exists(name)).toBe(true);
  });
});
