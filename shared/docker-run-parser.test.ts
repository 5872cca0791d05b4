import { describe, expect, it } from 'vitest';
import { formatDockerRun } from './docker-run-format.js';
import { parseDockerRun } from './docker-run-parser.js';
import { emptyRunSpec, runSpecSchema, type RunSpec } from './run-spec.js';
import { splitShellWords } from './shell-words.js';

describe('docker run parsing and formatting', () => {
  it('reads a ROS-style run line with devices, host network, env, volumes and X11', () => {
    const r = parseDockerRun(
      `docker run -it --rm --name ros --network host --device /dev/ttyUSB0 -e DISPLAY=:0 -v /tmp/.X11-unix:/tmp/.X11-unix:ro --gpus all osrf/ros:humble-desktop bash -c 'ros2 topic list'`,
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.spec).toMatchObject({
      image: 'osrf/ros:humble-desktop',
      name: 'ros',
      interactive: true,
      tty: true,
      autoRemove: true,
      network: 'host',
      devices: [{ hostPath: '/dev/ttyUSB0' }],
      env: [{ key: 'DISPLAY', value: ':0' }],
      mounts: [{ type: 'bind', source: '/tmp/.X11-unix', target: '/tmp/.X11-unix', readOnly: true }],
      gpus: 'all',
      command: ['bash', '-c', 'ros2 topic list'],
    });
  });

  it('reads ports in every form', () => {
    const r = parseDockerRun('docker run -p 8080:80 -p 127.0.0.1:5353:53/udp -p 9000 --publish=443:443 nginx');
    expect(r.ok && r.spec.ports).toEqual([
      { containerPort: 80, hostPort: 8080, protocol: 'tcp' },
      { containerPort: 53, hostPort: 5353, hostIp: '127.0.0.1', protocol: 'udp' },
      { containerPort: 9000, protocol: 'tcp' },
      { containerPort: 443, hostPort: 443, protocol: 'tcp' },
    ]);
  });

  it('says clearly what it does not understand', () => {
    expect(parseDockerRun('docker run --blkio-weight 10 nginx')).toEqual({
      ok: false,
      error: 'Berth does not understand the option --blkio-weight yet',
    });
    expect(parseDockerRun('docker run -p 99999:80 nginx')).toMatchObject({
      ok: false,
      error: expect.stringContaining('not a port number'),
    });
    expect(parseDockerRun('docker run -it')).toMatchObject({ ok: false, error: expect.stringContaining('No image') });
    expect(parseDockerRun('docker ps')).toMatchObject({ ok: false, error: expect.stringContaining('docker run') });
    expect(parseDockerRun(`docker run 'nginx`)).toMatchObject({ ok: false, error: expect.stringContaining('Unclosed') });
  });

  it('formats a spec back to a line that parses to the same spec', () => {
    const line = `docker run --detach -it --name web --restart on-failure:3 --network host --publish 8080:80 --env 'GREETING=hello world' --volume data:/data --device /dev/ttyACM0:/dev/ttyACM0:rwm --privileged --workdir /srv --user 1000 --label app=demo busybox sh -c 'echo "hi there"'`;
    const first = parseDockerRun(line);
    expect(first.ok).toBe(true);
    if (!first.ok) return;
    const again = parseDockerRun(formatDockerRun(first.spec));
    expect(again).toEqual(first);
    expect(first.spec.mounts[0]?.type).toBe('volume');
  });

  it('takes --entrypoint as one executable, as the CLI does, and formats extra entrypoint words before the command', () => {
    const r = parseDockerRun(`docker run --entrypoint /bin/sh busybox -c 'echo hi'`);
    expect(r.ok && r.spec.entrypoint).toEqual(['/bin/sh']);
    expect(r.ok && r.spec.command).toEqual(['-c', 'echo hi']);
    if (!r.ok) return;
    expect(formatDockerRun({ ...r.spec, entrypoint: ['/bin/sh', '-c'], command: ['echo hi'] })).toContain(
      `--entrypoint /bin/sh busybox -c 'echo hi'`,
    );
    expect(formatDockerRun({ ...r.spec, image: '' })).toContain(' IMAGE ');
  });

  it('reads resource limits, capabilities, namespaces and host names', () => {
    const r = parseDockerRun(
      'docker run --cpus 0.5 -m 64m --memory-swap 128m --shm-size=1g --cap-add NET_ADMIN --cap-add sys_ptrace --cap-drop CAP_MKNOD --ipc host --pid host -h robot-1 --add-host db:127.0.0.1 --add-host gw=host-gateway --add-host v6:::1 berth-fixture/busybox:latest',
    );
    expect(r.ok && r.spec).toMatchObject({
      cpus: 0.5,
      memory: 64 * 1024 ** 2,
      memorySwap: 128 * 1024 ** 2,
      shmSize: 1024 ** 3,
      capAdd: ['NET_ADMIN', 'sys_ptrace'],
      capDrop: ['CAP_MKNOD'],
      ipc: 'host',
      pid: 'host',
      hostname: 'robot-1',
      extraHosts: [
        { host: 'db', ip: '127.0.0.1' },
        { host: 'gw', ip: 'host-gateway' },
        { host: 'v6', ip: '::1' },
      ],
    });
    expect(parseDockerRun('docker run --memory-swap -1 -m 1g x')).toMatchObject({ ok: true, spec: { memorySwap: -1, memory: 1024 ** 3 } });
    expect(parseDockerRun('docker run -itm 512m x')).toMatchObject({
      ok: true,
      spec: { interactive: true, tty: true, memory: 512 * 1024 ** 2 },
    });
  });

  it('says what is wrong with a bad size, CPU count, capability or namespace', () => {
    const error = (line: string) => {
      const r = parseDockerRun(line);
      return r.ok ? 'parsed' : r.error;
    };
    expect(error('docker run -m 12x nginx')).toBe('Bad --memory "12x": memory must be like 512m or 2g');
    expect(error('docker run --memory 2gg nginx')).toBe('Bad --memory "2gg": memory must be like 512m or 2g');
    expect(error('docker run --memory-swap lots nginx')).toBe(
      'Bad --memory-swap "lots": memory + swap must be like 1g, or -1 for unlimited swap',
    );
    expect(error('docker run --shm-size -5m nginx')).toBe('Bad --shm-size "-5m": the size of /dev/shm must be like 64m or 1g');
    expect(error('docker run --cpus half nginx')).toBe('Bad --cpus "half": a number of CPUs such as 0.5 or 2');
    expect(error('docker run --cpus 0 nginx')).toBe('Bad --cpus "0": a number of CPUs such as 0.5 or 2');
    expect(error('docker run --cap-add NET_ADMN nginx')).toBe(
      'Bad --cap-add "NET_ADMN": NET_ADMN is not a Linux capability (such as NET_ADMIN, SYS_PTRACE or ALL)',
    );
    expect(error('docker run --ipc container:db nginx')).toBe('Bad --ipc "container:db": Berth takes host, private, shareable or none');
    expect(error('docker run --pid container:db nginx')).toBe('Bad --pid "container:db": Berth takes only host');
    expect(error('docker run --add-host justaname nginx')).toMatch(/^Bad --add-host "justaname": expected NAME:IP/);
    expect(error('docker run --cpus')).toBe('--cpus needs a value');
  });

  it('formats resource flags the CLI reads back: exact units, no exponent notation', () => {
    const spec: RunSpec = {
      ...emptyRunSpec('x'),
      cpus: 1e-9,
      memory: 1536 * 1024 ** 2,
      memorySwap: -1,
      shmSize: 1000,
      capAdd: ['ALL'],
      ipc: 'none',
    };
    expect(formatDockerRun(spec)).toBe(
      'docker run --detach --ipc none --cap-add ALL --cpus 0.000000001 --memory 1536m --memory-swap -1 --shm-size 1000 x',
    );
  });

  it('parse(format(spec)) gives the spec back, for many specs', () => {
    const specs = Array.from({ length: 300 }, (_, seed) => randomSpec(seed));
    for (const spec of specs) {
      expect(runSpecSchema.safeParse(spec).success, JSON.stringify(spec)).toBe(true);
      const line = formatDockerRun(spec);
      expect(parseDockerRun(line), line).toEqual({ ok: true, spec });
    }
    // The generator reaches every new option.
    for (const key of ['cpus', 'memory', 'memorySwap', 'shmSize', 'capAdd', 'capDrop', 'ipc', 'pid', 'hostname', 'extraHosts'] as const) {
      expect(
        specs.some((s) => s[key] !== undefined),
        key,
      ).toBe(true);
    }
  });

  it('splits shell words with quotes and escapes', () => {
    expect(splitShellWords(`a "b c" 'd e' f\\ g "h\\"i"`)).toEqual(['a', 'b c', 'd e', 'f g', 'h"i']);
  });
});

/** A valid run spec from a seed: every option Berth formats, in shapes the CLI would read back the same. */
function randomSpec(seed: number): RunSpec {
  // mulberry32: small, and its low bits are as random as its high ones.
  let state = seed + 1;
  const next = (n: number): number => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) % n;
  };
  const pick = <T>(xs: readonly T[]): T => xs[next(xs.length)]!;
  const maybe = (): boolean => next(2) === 0;
  const some = <T>(make: () => T): T[] => Array.from({ length: next(3) }, make);
  const word = () => pick(['a', 'hello world', "it's", '-x', '$HOME', '', 'a=b', '"q"', 'ü', 'x;y']);
  const memory = pick([6, 64, 512, 1536, 2048]) * 1024 ** 2 + pick([0, 0, 1, 4096]);
  const spec: RunSpec = {
    ...emptyRunSpec(pick(['berth-fixture/busybox:latest', 'ros:humble', 'localhost:5000/a/b@sha256:' + 'c'.repeat(64)])),
    command: some(word),
    env: some(() => ({ key: pick(['A', 'ROS_DOMAIN_ID', 'X_1']), value: word() })),
    ports: some(() => {
      const hostPort = maybe() ? 1 + next(65535) : undefined;
      return {
        containerPort: 1 + next(65535),
        protocol: pick(['tcp', 'udp', 'sctp'] as const),
        ...(hostPort !== undefined ? { hostPort } : {}),
        ...(hostPort !== undefined && maybe() ? { hostIp: '127.0.0.1' } : {}),
      };
    }),
    mounts: some(() =>
      maybe()
        ? { type: 'bind' as const, source: pick(['/data', './rel', '/a b']), target: '/mnt', readOnly: maybe() }
        : { type: 'volume' as const, source: 'vol', target: '/v', readOnly: maybe() },
    ),
    restart: pick(['no', 'always', 'unless-stopped', 'on-failure'] as const),
    interactive: maybe(),
    tty: maybe(),
    autoRemove: maybe(),
    devices: some(() =>
      maybe()
        ? { hostPath: '/dev/ttyUSB0' }
        : { hostPath: '/dev/video0', containerPath: '/dev/cam', ...(maybe() ? { permissions: 'rw' } : {}) },
    ),
    privileged: maybe(),
    labels: some(() => ({ key: 'k', value: word() })),
  };
  if (spec.restart === 'on-failure' && maybe()) spec.restartMaxRetries = 1 + next(9);
  if (maybe()) spec.name = pick(['web', 'ros_talker.1', 'berth-e2e-x']);
  if (maybe()) spec.entrypoint = [pick(['/bin/sh', 'python3', 'a b'])];
  if (maybe()) spec.workdir = pick(['/srv', '/a b']);
  if (maybe()) spec.user = pick(['1000', '1000:1000', 'ros']);
  if (maybe()) spec.network = pick(['host', 'none', 'my-net']);
  if (maybe()) spec.gpus = maybe() ? 'all' : 1 + next(4);
  if (maybe()) spec.cpus = pick([0.01, 0.5, 1, 1.5, 2, 0.333333333, 16]);
  if (maybe()) spec.memory = memory;
  if (maybe()) spec.memorySwap = spec.memory !== undefined && maybe() ? spec.memory * 2 : -1;
  if (maybe()) spec.shmSize = pick([1, 1000, 64 * 1024 ** 2, 1024 ** 3, 2 * 1024 ** 3 + 512]);
  if (maybe()) spec.capAdd = ['NET_ADMIN', 'SYS_PTRACE', 'cap_sys_nice', 'ALL'].slice(0, 1 + next(4));
  if (maybe()) spec.capDrop = ['MKNOD', 'CAP_NET_RAW'].slice(0, 1 + next(2));
  if (maybe()) spec.ipc = pick(['host', 'private', 'shareable', 'none'] as const);
  if (maybe()) spec.pid = 'host';
  if (maybe()) spec.hostname = pick(['robot-1', 'robot.local', 'a']);
  if (maybe())
    spec.extraHosts = [
      { host: 'db', ip: '127.0.0.1' },
      { host: 'gw', ip: 'host-gateway' },
      { host: 'six', ip: '::1' },
    ].slice(0, 1 + next(3));
  return spec;
}
