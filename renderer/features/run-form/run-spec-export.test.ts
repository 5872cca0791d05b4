import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { formatDockerRun } from '../../../shared/docker-run-format.js';
import { parseDockerRun } from '../../../shared/docker-run-parser.js';
import { emptyRunSpec, type RunSpec } from '../../../shared/run-spec.js';
import { composeDocument, devcontainerDocument, exportSpec, serviceNameOf } from './run-spec-export.js';

/** A robot's container with every kind of flag the form holds, and values YAML and shells like to misread. */
const robot: RunSpec = {
  ...emptyRunSpec('registry.local:5000/robot/driver:1.0'),
  name: 'lidar.driver',
  command: ['ros2', 'launch', 'driver', 'lidar.launch.py', 'frame:=base link'],
  entrypoint: ['/ros_entrypoint.sh'],
  env: [
    { key: 'ROS_DOMAIN_ID', value: '0' },
    { key: 'USE_SIM', value: 'no' },
    { key: 'QUOTED', value: `it's "$HOME"` },
  ],
  ports: [
    { containerPort: 8080, protocol: 'tcp', hostPort: 80, hostIp: '127.0.0.1' },
    { containerPort: 9999, protocol: 'udp' },
  ],
  mounts: [
    { type: 'bind', source: '/tmp/.X11-unix', target: '/tmp/.X11-unix', readOnly: false },
    { type: 'volume', source: 'maps', target: '/maps', readOnly: true },
  ],
  workdir: '/ws',
  user: '1000:1000',
  restart: 'on-failure',
  restartMaxRetries: 3,
  interactive: true,
  tty: true,
  network: 'robot-net',
  devices: [{ hostPath: '/dev/ttyUSB0' }, { hostPath: '/dev/video0', containerPath: '/dev/cam', permissions: 'r' }],
  privileged: false,
  gpus: 'all',
  labels: [{ key: 'robot.role', value: 'on' }],
  cpus: 1.5,
  memory: 512 * 1024 ** 2,
  memorySwap: 1024 ** 3,
  shmSize: 1024 ** 3,
  capAdd: ['SYS_NICE'],
  capDrop: ['MKNOD'],
  ipc: 'host',
  pid: 'host',
  hostname: 'robot-1',
  extraHosts: [{ host: 'base.robot', ip: '10.0.0.2' }],
};

describe('export: docker run line', () => {
  it('round-trips: run line → spec → the same run line', () => {
    const line = exportSpec(robot, 'run').text;
    const parsed = parseDockerRun(line);
    if (!parsed.ok) throw new Error(parsed.error);
    expect(formatDockerRun(parsed.spec)).toBe(line);
    // The one change a line makes: --entrypoint takes one word, so the spec reads the same either way.
    expect(parsed.spec).toEqual(robot);
  });
});

describe('export: Compose service', () => {
  it('parses back (YAML) to the document that holds every setting', () => {
    const yaml = exportSpec(robot, 'compose').text;
    const back = parse(yaml) as Record<string, unknown>;
    expect(back).toEqual(composeDocument(robot));
    const service = (back.services as Record<string, Record<string, unknown>>)['lidar-driver']!;
    expect(service).toMatchObject({
      image: 'registry.local:5000/robot/driver:1.0',
      container_name: 'lidar.driver',
      entrypoint: ['/ros_entrypoint.sh'],
      command: ['ros2', 'launch', 'driver', 'lidar.launch.py', 'frame:=base link'],
      // Strings stay strings: a bare `no` would be read as false by YAML 1.1 tools.
      environment: { ROS_DOMAIN_ID: '0', USE_SIM: 'no', QUOTED: `it's "$HOME"` },
      ports: ['127.0.0.1:80:8080', '9999/udp'],
      volumes: [
        { type: 'bind', source: '/tmp/.X11-unix', target: '/tmp/.X11-unix' },
        { type: 'volume', source: 'maps', target: '/maps', read_only: true },
      ],
      working_dir: '/ws',
      user: '1000:1000',
      restart: 'on-failure:3',
      stdin_open: true,
      tty: true,
      networks: ['robot-net'],
      hostname: 'robot-1',
      extra_hosts: ['base.robot:10.0.0.2'],
      ipc: 'host',
      pid: 'host',
      devices: ['/dev/ttyUSB0:/dev/ttyUSB0', '/dev/video0:/dev/cam:r'],
      cap_add: ['SYS_NICE'],
      cap_drop: ['MKNOD'],
      cpus: 1.5,
      mem_limit: '512m',
      memswap_limit: '1g',
      shm_size: '1g',
      deploy: { resources: { reservations: { devices: [{ capabilities: ['gpu'], count: 'all' }] } } },
      labels: { 'robot.role': 'on' },
    });
    expect(back.volumes).toEqual({ maps: { name: 'maps' } });
    expect(back.networks).toEqual({ 'robot-net': { name: 'robot-net', external: true } });
    expect(yaml).toContain('USE_SIM: "no"');
  });

  it('uses network_mode for host and none, names a service after the image when the container has no name, and says what --rm cannot be', () => {
    const spec = { ...emptyRunSpec('osrf/ros:humble-desktop'), network: 'host', autoRemove: true };
    expect(serviceNameOf(spec)).toBe('ros');
    const exported = exportSpec(spec, 'compose');
    expect((parse(exported.text) as { services: { ros: unknown } }).services.ros).toEqual({
      image: 'osrf/ros:humble-desktop',
      network_mode: 'host',
    });
    expect(exported.caveats.join(' ')).toMatch(/no --rm/);
  });
});

describe('export: devcontainer.json', () => {
  it('is JSON whose image, runArgs and containerEnv make the same container as the run line (less name and command)', () => {
    const exported = exportSpec(robot, 'devcontainer');
    const doc = JSON.parse(exported.text) as {
      image: string;
      runArgs: string[];
      containerEnv: Record<string, string>;
      containerUser: string;
    };
    expect(doc).toEqual(devcontainerDocument(robot));
    const env = Object.entries(doc.containerEnv).flatMap(([k, v]) => ['--env', `${k}=${v}`]);
    const asRun = ['docker', 'run', ...doc.runArgs, ...env, '--user', doc.containerUser, '--name', 'lidar.driver', '-it', doc.image];
    const parsed = parseDockerRun(asRun.map((w) => `'${w.replace(/'/g, `'\\''`)}'`).join(' '));
    if (!parsed.ok) throw new Error(parsed.error);
    expect(parsed.spec).toEqual({ ...robot, command: [] });
    expect(exported.caveats.join(' ')).toMatch(/command is left out/);
  });
});
