import type Docker from 'dockerode';
import { describe, expect, it } from 'vitest';
import { exitCodeFromStatus, toContainerSummary, toImageSummary } from './container-mapping.js';

describe('container and image mapping', () => {
  it('reads the exit code from the engine status text', () => {
    expect(exitCodeFromStatus('Exited (137) 2 hours ago')).toBe(137);
    expect(exitCodeFromStatus('Up 3 minutes')).toBeNull();
    expect(exitCodeFromStatus('Created')).toBeNull();
  });

  it('maps a container list entry, dropping the leading slash of its name', () => {
    const info = {
      Id: 'f'.repeat(64),
      Names: ['/web'],
      Image: 'nginx:latest',
      ImageID: 'sha256:1',
      Command: 'nginx -g daemon off;',
      Created: 1_700_000_000,
      State: 'exited',
      Status: 'Exited (2) 5 seconds ago',
      Ports: [{ IP: '0.0.0.0', PrivatePort: 80, PublicPort: 8080, Type: 'tcp' }],
      Labels: {},
    } as unknown as Docker.ContainerInfo;
    expect(toContainerSummary(info)).toMatchObject({
      name: 'web',
      state: 'exited',
      exitCode: 2,
      ports: [{ privatePort: 80, publicPort: 8080, ip: '0.0.0.0', protocol: 'tcp' }],
    });
  });

  it('treats <none>:<none> tags as no tags (a dangling image)', () => {
    const info = {
      Id: 'sha256:2',
      RepoTags: ['<none>:<none>'],
      RepoDigests: null,
      Created: 1,
      Size: 10,
      Containers: -1,
      Labels: null,
    } as unknown as Docker.ImageInfo;
    expect(toImageSummary(info)).toMatchObject({ repoTags: [], repoDigests: [], labels: {} });
  });
});
