import { describe, expect, it } from 'vitest';
import { formatDockerRun } from './docker-run-format.js';
import { parseDockerRun } from './docker-run-parser.js';
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
    expect(parseDockerRun('docker run --cpus 2 nginx')).toEqual({ ok: false, error: 'Berth does not understand the option --cpus yet' });
    expect(parseDockerRun('docker run -p 99999:80 nginx')).toMatchObject({ ok: false, error: expect.stringContaining('not a port number') });
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
    expect(formatDockerRun({ ...r.spec, entrypoint: ['/bin/sh', '-c'], command: ['echo hi'] })).toContain(`--entrypoint /bin/sh busybox -c 'echo hi'`);
    expect(formatDockerRun({ ...r.spec, image: '' })).toContain(' IMAGE ');
  });

  it('splits shell words with quotes and escapes', () => {
    expect(splitShellWords(`a "b c" 'd e' f\\ g "h\\"i"`)).toEqual(['a', 'b c', 'd e', 'f g', 'h"i']);
  });
});
