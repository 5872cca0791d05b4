import { describe, expect, it } from 'vitest';
import { summarize } from './inspect-tab.js';

describe('inspect summary', () => {
  it('shows the command and entrypoint as a shell would take them back, not words run together', () => {
    const s = summarize({ Config: { Cmd: ['sh', '-c', 'sleep 1; echo $(id)'], Entrypoint: ['/bin/tini', '--'] } });
    expect(s.command).toBe("sh -c 'sleep 1; echo $(id)'");
    expect(s.entrypoint).toBe('/bin/tini --');
    expect(summarize({ Config: { Cmd: null } }).command).toBe('—');
  });
});

describe('inspect summary of a robot container', () => {
  it('shows devices, IPC, shm size, GPUs, capabilities and the restart policy', () => {
    const s = summarize({
      HostConfig: {
        Devices: [
          { PathOnHost: '/dev/ttyUSB0', PathInContainer: '/dev/ttyUSB0', CgroupPermissions: 'rwm' },
          { PathOnHost: '/dev/video0', PathInContainer: '/dev/cam', CgroupPermissions: 'r' },
        ],
        IpcMode: 'host',
        ShmSize: 1024 ** 3,
        DeviceRequests: [{ Driver: '', Count: -1, Capabilities: [['gpu']] }],
        CapAdd: ['CAP_NET_ADMIN'],
        CapDrop: ['MKNOD'],
        RestartPolicy: { Name: 'on-failure', MaximumRetryCount: 3 },
      },
    });
    expect(s.devices).toEqual(['/dev/ttyUSB0', '/dev/video0 → /dev/cam (r)']);
    expect(s.ipc).toBe('host');
    expect(s.shmSize).toBe('1g');
    expect(s.gpus).toBe('all');
    expect(s.capabilities).toEqual(['+ CAP_NET_ADMIN', '− MKNOD']);
    expect(s.restartPolicy).toBe('on-failure (at most 3 retries)');
  });

  it('says none where a container has no GPUs and no policy', () => {
    const s = summarize({ HostConfig: { RestartPolicy: { Name: '' }, DeviceRequests: null } });
    expect(s.gpus).toBe('none');
    expect(s.restartPolicy).toBe('no');
    expect(s.devices).toEqual([]);
  });
});
