import { describe, expect, it } from 'vitest';
import { runSpecFromInspect, type ContainerDoc } from './run-spec-of-container.js';

const id = '0123456789abcdef0123456789abcdef';

function doc(config: Partial<ContainerDoc['Config']>, host: Partial<ContainerDoc['HostConfig']>): ContainerDoc {
  return {
    Id: id,
    Name: '/cam',
    Config: { Image: 'robot/cam:1', Hostname: id.slice(0, 12), Cmd: ['run'], Env: ['PATH=/bin'], ...config },
    HostConfig: { NetworkMode: 'default', IpcMode: 'private', ShmSize: 64 * 1024 * 1024, RestartPolicy: { Name: 'no' }, ...host },
  };
}

const image = { Cmd: ['run'], Env: ['PATH=/bin'], Labels: { vendor: 'acme' }, User: 'robot', WorkingDir: '/app' };
const engine = { hostName: 'robot-host' };

describe('inspect → run spec (Run again)', () => {
  it('leaves out what the image and the engine supplied', () => {
    const { spec, notCarried } = runSpecFromInspect(
      doc({ Labels: { vendor: 'acme' }, User: 'robot', WorkingDir: '/app' }, { Memory: 64 << 20, MemorySwap: 128 << 20 }),
      image,
      engine,
    );
    expect(spec).toMatchObject({ name: 'cam', command: [], env: [], labels: [], memory: 64 << 20 });
    for (const key of ['memorySwap', 'hostname', 'ipc', 'shmSize', 'network', 'workdir', 'user', 'entrypoint'])
      expect(spec, key).not.toHaveProperty(key);
    expect(notCarried).toEqual([]);
  });

  it('keeps an overridden entrypoint with its command, and a host-network hostname that is not the engine host’s', () => {
    const { spec } = runSpecFromInspect(
      doc({ Entrypoint: ['sh'], Cmd: ['-c', 'run'], Hostname: 'robot-1' }, { NetworkMode: 'host' }),
      image,
      engine,
    );
    expect(spec).toMatchObject({ entrypoint: ['sh'], command: ['-c', 'run'], network: 'host', hostname: 'robot-1' });
    const own = runSpecFromInspect(doc({ Hostname: 'robot-host' }, { NetworkMode: 'host' }), image, engine).spec;
    expect(own).not.toHaveProperty('hostname');
  });

  it('reads GPUs, capabilities without CAP_, devices and restart retries', () => {
    const { spec } = runSpecFromInspect(
      doc(
        {},
        {
          DeviceRequests: [{ Driver: '', Count: -1, Capabilities: [['gpu']] }],
          CapAdd: ['CAP_NET_ADMIN'],
          Devices: [{ PathOnHost: '/dev/ttyUSB0', PathInContainer: '/dev/ttyUSB0', CgroupPermissions: 'rwm' }],
          RestartPolicy: { Name: 'on-failure', MaximumRetryCount: 5 },
        },
      ),
      image,
      engine,
    );
    expect(spec).toMatchObject({ gpus: 'all', capAdd: ['NET_ADMIN'], devices: [{ hostPath: '/dev/ttyUSB0' }], restartMaxRetries: 5 });
    expect(spec.devices[0]).toEqual({ hostPath: '/dev/ttyUSB0' });
  });

  it('names what the form cannot hold: other IPC and PID modes, GPUs by id, a second network, --read-only', () => {
    const { notCarried } = runSpecFromInspect(
      {
        ...doc(
          {},
          {
            IpcMode: 'container:db',
            PidMode: 'container:db',
            ReadonlyRootfs: true,
            DeviceRequests: [{ Driver: '', DeviceIDs: ['1'], Capabilities: [['gpu']] }],
          },
        ),
        NetworkSettings: { Networks: { bridge: {}, lidar: {} } },
      },
      image,
      engine,
    );
    expect(notCarried).toEqual(
      expect.arrayContaining([
        '--ipc container:db',
        '--pid container:db',
        '--read-only',
        '--gpus device=1',
        'docker network connect lidar',
      ]),
    );
  });
});
