import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dockerRunWords } from '../../../shared/docker-run-format.js';
import { parseDockerRun } from '../../../shared/docker-run-parser.js';
import { emptyRunSpec, type RunSpec } from '../../../shared/run-spec.js';
import { dockerCli, fixtureImage, fixtureLabel, removeFixtures, uniqueName } from '../../test-support/engine-fixtures.js';
import { EngineConnection } from '../engine-connection.js';
import { runContainer } from './run-container.js';
import { runSpecOfContainer } from './run-spec-of-container.js';

const prefix = 'berth-test-h8again-';
/** The fixture image carries the fixture label itself, so Run again leaves it to the image. */
const ownLabel = { key: 'robot.role', value: 'camera' };

function withoutFixtureLabel(spec: RunSpec): RunSpec {
  return { ...spec, labels: spec.labels.filter((l) => l.key !== fixtureLabel) };
}

function name(): string {
  return uniqueName('h8again').replace(/^berth-test-h8again-/, prefix);
}

describe('Run again: a container read back into the run form, against the real engine', () => {
  const connection = new EngineConnection({ id: 'test-run-again' });

  beforeAll(async () => {
    await connection.connect();
  });

  afterAll(async () => {
    connection.close();
    await removeFixtures(prefix);
  });

  it('gives back every flag the form set, and nothing the image or the engine supplied', async () => {
    const spec: RunSpec = {
      ...emptyRunSpec(fixtureImage),
      name: name(),
      command: ['sh', '-c', 'sleep 60'],
      env: [{ key: 'ROS_DOMAIN_ID', value: '7' }],
      labels: [{ key: fixtureLabel, value: 'true' }, ownLabel],
      ports: [{ containerPort: 8080, protocol: 'udp', hostIp: '127.0.0.1' }],
      mounts: [{ type: 'bind', source: '/tmp', target: '/host-tmp', readOnly: true }],
      workdir: '/tmp',
      user: '1000:1000',
      restart: 'on-failure',
      restartMaxRetries: 3,
      interactive: true,
      tty: true,
      devices: [{ hostPath: '/dev/null', containerPath: '/dev/robot-null', permissions: 'rw' }],
      cpus: 0.5,
      memory: 64 * 1024 ** 2,
      memorySwap: 256 * 1024 ** 2,
      shmSize: 256 * 1024 ** 2,
      capAdd: ['NET_ADMIN', 'SYS_PTRACE'],
      capDrop: ['MKNOD'],
      ipc: 'host',
      pid: 'host',
      hostname: 'robot-1',
      extraHosts: [{ host: 'db.robot', ip: '127.0.0.1' }],
    };
    await runContainer(connection, spec, false);
    const back = await runSpecOfContainer(connection, spec.name!);
    expect(back.imageFound).toBe(true);
    expect(back.notCarried).toEqual([]);
    expect(back.spec).toEqual(withoutFixtureLabel(spec));
    // And the line it equals is the line the original equals.
    expect(dockerRunWords(back.spec)).toEqual(dockerRunWords(withoutFixtureLabel(spec)));
  });

  it('reads a container the docker CLI made back into the spec its line parses to', async () => {
    const n = name();
    const options = [
      '--name',
      n,
      '--label',
      `${fixtureLabel}=true`,
      '--label',
      'robot.role=camera',
      '--network',
      'host',
      '--volume',
      '/tmp:/data:ro',
      '--entrypoint',
      'sh',
    ];
    const words = [...options, '--env', 'A=1', '--restart', 'unless-stopped', '--shm-size', '1g', fixtureImage, '-c', 'sleep 60'];
    dockerCli('create', ...words);
    const parsed = parseDockerRun(['docker', 'run', ...words].map((w) => `'${w}'`).join(' '));
    if (!parsed.ok) throw new Error(parsed.error);
    const back = await runSpecOfContainer(connection, n);
    expect(back.notCarried).toEqual([]);
    expect(back.spec).toEqual(withoutFixtureLabel(parsed.spec));
  });

  it('names the settings the form has no field for instead of dropping them', async () => {
    const n = name();
    dockerCli(
      'create',
      '--name',
      n,
      '--label',
      `${fixtureLabel}=true`,
      '--read-only',
      '--tmpfs',
      '/run',
      '--init',
      '--dns',
      '10.0.0.2',
      fixtureImage,
    );
    const back = await runSpecOfContainer(connection, n);
    expect(back.notCarried).toEqual(expect.arrayContaining(['--read-only', '--tmpfs /run', '--init', '--dns 10.0.0.2']));
    expect(back.spec).toMatchObject({ name: n, command: [], env: [], labels: [] });
  });
});
