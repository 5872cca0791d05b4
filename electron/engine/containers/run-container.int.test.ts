import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptyRunSpec, type RunSpec } from '../../../shared/run-spec.js';
import { toRpcError } from '../to-rpc-error.js';
import {
  containerExists as exists,
  fixtureImage,
  fixtureLabel,
  removeFixtures,
  testDocker,
  uniqueName,
} from '../../test-support/engine-fixtures.js';
import { EngineConnection } from '../engine-connection.js';
import { runContainer } from './run-container.js';

function spec(overrides: Partial<RunSpec>): RunSpec {
  return { ...emptyRunSpec(fixtureImage), labels: [{ key: fixtureLabel, value: 'true' }], ...overrides };
}

/** What a command prints inside a running container (through a TTY, so one stream). */
async function execOutput(name: string, cmd: string[]): Promise<string> {
  const exec = await testDocker.getContainer(name).exec({ Cmd: cmd, AttachStdout: true, AttachStderr: true, Tty: true });
  const stream = await exec.start({ hijack: true, stdin: false, Tty: true });
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString();
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

  it('sets CPU, memory, /dev/shm, capabilities, namespaces and host names as docker run would', async () => {
    const name = uniqueName('limits');
    const result = await runContainer(
      connection,
      spec({
        name,
        command: ['sh', '-c', 'sleep 30'],
        cpus: 0.5,
        memory: 64 * 1024 ** 2,
        memorySwap: 128 * 1024 ** 2,
        shmSize: 128 * 1024 ** 2,
        capAdd: ['NET_ADMIN'],
        capDrop: ['MKNOD'],
        ipc: 'host',
        pid: 'host',
        hostname: 'robot-1',
        extraHosts: [{ host: 'db.robot', ip: '127.0.0.1' }],
      }),
      true,
    );
    expect(result).toMatchObject({ name, started: true });
    const info = await testDocker.getContainer(name).inspect();
    expect(info.HostConfig).toMatchObject({
      NanoCpus: 500_000_000,
      Memory: 64 * 1024 ** 2,
      MemorySwap: 128 * 1024 ** 2,
      ShmSize: 128 * 1024 ** 2,
      CapAdd: ['NET_ADMIN'],
      CapDrop: ['MKNOD'],
      IpcMode: 'host',
      PidMode: 'host',
      ExtraHosts: ['db.robot:127.0.0.1'],
    });
    expect(info.Config.Hostname).toBe('robot-1');
    expect(info.State.Running).toBe(true);
  });

  it('gives /dev/shm and the memory cgroup the sizes asked for, seen from inside the container', async () => {
    const name = uniqueName('shm');
    await runContainer(
      connection,
      spec({ name, command: ['sh', '-c', 'sleep 30'], shmSize: 96 * 1024 ** 2, memory: 48 * 1024 ** 2 }),
      true,
    );
    // df -k: "shm  98304  0  98304  0% /dev/shm"; the memory limit from cgroup v2 or v1.
    const out = await execOutput(name, [
      'sh',
      '-c',
      'df -k /dev/shm; cat /sys/fs/cgroup/memory.max 2>/dev/null || cat /sys/fs/cgroup/memory/memory.limit_in_bytes',
    ]);
    expect(out).toMatch(/\b98304\b/);
    expect(out).toMatch(new RegExp(`\\b${48 * 1024 ** 2}\\b`));
  });

  it('points a CPU count the engine refuses at the CPUs field', async () => {
    const name = uniqueName('cpus');
    const err = await runContainer(connection, spec({ name, cpus: 4096 }), true).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(toRpcError(err).message).toMatch(/CPUs/);
    expect(toRpcError(err).path).toEqual(['cpus']);
    expect(await exists(name)).toBe(false);
  });

  it('points an unknown capability at the capabilities field', async () => {
    const name = uniqueName('cap');
    const err = await runContainer(connection, spec({ name, capAdd: ['NOT_A_CAP'] }), false).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(toRpcError(err).message).toMatch(/capabilit/i);
    expect(toRpcError(err).path).toEqual(['capAdd']);
  });

  it('only creates when asked to (docker create)', async () => {
    const name = uniqueName('create');
    const result = await runContainer(connection, spec({ name }), false);
    expect(result.started).toBe(false);
    expect((await testDocker.getContainer(name).inspect()).State.Status).toBe('created');
  });

  it('points a missing image at the image field and creates nothing', async () => {
    const name = uniqueName('noimage');
    const err = await runContainer(connection, spec({ name, image: 'berth-test/does-not-exist:1' }), true).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(toRpcError(err)).toMatchObject({ code: 'NOT_FOUND', path: ['image'] });
    expect(toRpcError(err).message).toMatch(/no such image/i);
    expect(await exists(name)).toBe(false);
  });

  it('points a name already in use at the name field', async () => {
    const name = uniqueName('dup');
    await runContainer(connection, spec({ name }), false);
    const err = await runContainer(connection, spec({ name }), false).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(toRpcError(err)).toMatchObject({ code: 'CONFLICT', path: ['name'] });
  });

  it('refuses a bind mount whose host path does not exist, creating nothing', async () => {
    const name = uniqueName('badmount');
    const err = await runContainer(
      connection,
      spec({ name, mounts: [{ type: 'bind', source: '/no/such/berth/path', target: '/data', readOnly: false }] }),
      true,
    ).then(
      () => undefined,
      (e: unknown) => e,
    );
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
