import { describe, expect, it } from 'vitest';
import { summarizeInspect } from './inspect-summary.js';

describe('inspect summary', () => {
  it('reads entrypoint, cmd, env, ports, volumes and labels', () => {
    const summary = summarizeInspect({
      Id: 'sha256:abc',
      RepoTags: ['robot/base:1'],
      Created: '2024-01-01T00:00:00Z',
      Architecture: 'arm64',
      Variant: 'v8',
      Os: 'linux',
      Size: 1234,
      RootFS: { Layers: ['sha256:1', 'sha256:2'] },
      Config: {
        Entrypoint: ['/ros_entrypoint.sh'],
        Cmd: ['bash'],
        Env: ['PATH=/usr/bin:/bin', 'ROS_DISTRO=humble', 'EMPTY=', 'ODD'],
        ExposedPorts: { '9090/tcp': {}, '53/udp': {} },
        Volumes: { '/data': {} },
        Labels: { maintainer: 'me' },
        WorkingDir: '/ws',
        User: 'ros',
      },
    });
    expect(summary).toMatchObject({
      architecture: 'arm64',
      variant: 'v8',
      entrypoint: ['/ros_entrypoint.sh'],
      cmd: ['bash'],
      env: [
        { name: 'PATH', value: '/usr/bin:/bin' },
        { name: 'ROS_DISTRO', value: 'humble' },
        { name: 'EMPTY', value: '' },
        { name: 'ODD', value: '' },
      ],
      exposedPorts: ['53/udp', '9090/tcp'],
      volumes: ['/data'],
      labels: { maintainer: 'me' },
      layers: 2,
      workingDir: '/ws',
      user: 'ros',
    });
  });

  it('copes with a scratch image that has almost nothing', () => {
    const summary = summarizeInspect({ Id: 'sha256:x', Config: null });
    expect(summary.entrypoint).toEqual([]);
    expect(summary.env).toEqual([]);
    expect(summary.variant).toBeNull();
  });
});
