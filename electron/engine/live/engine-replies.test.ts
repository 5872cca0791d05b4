import { describe, expect, it } from 'vitest';
import { BerthError } from '../../../shared/errors.js';
import { parseContainerList, parseImageInspect, parseImageList, parseNetworks, parseVolumes } from './engine-replies.js';

const entry = {
  Id: 'a'.repeat(64),
  Names: ['/web'],
  Image: 'nginx',
  ImageID: 'sha256:1',
  Command: 'nginx -g daemon off;',
  Created: 1700000000,
  State: 'exited',
  Status: 'Exited (137) 2 hours ago',
  Ports: [{ PrivatePort: 80, PublicPort: 8080, IP: '0.0.0.0', Type: 'tcp' }],
  Labels: {
    'com.docker.compose.project': 'shop',
    'com.docker.compose.service': 'web',
    'com.docker.compose.config-hash': 'f'.repeat(64),
    'com.docker.compose.project.working_dir': '/home/me/shop',
  },
  Mounts: [
    { Type: 'volume', Name: 'data', Destination: '/data', RW: false },
    { Type: 'bind', Source: '/etc', Destination: '/etc/host', RW: true },
  ],
  NetworkSettings: { Networks: { lab: { NetworkID: 'n1', IPAddress: '10.0.0.2' }, other: { NetworkID: '', IPAddress: '' } } },
};

describe('engine replies', () => {
  it('a container entry becomes its row (only the labels the lists use: no config-hash) plus its volume mounts and endpoints', () => {
    const [held] = parseContainerList([entry]);
    expect(held?.summary).toEqual({
      id: entry.Id,
      name: 'web',
      image: 'nginx',
      imageId: 'sha256:1',
      command: 'nginx -g daemon off;',
      created: 1700000000,
      state: 'exited',
      status: 'Exited (137) 2 hours ago',
      exitCode: 137,
      ports: [{ privatePort: 80, publicPort: 8080, ip: '0.0.0.0', protocol: 'tcp' }],
      labels: {
        'com.docker.compose.project': 'shop',
        'com.docker.compose.service': 'web',
        'com.docker.compose.project.working_dir': '/home/me/shop',
      },
    });
    expect(held?.mounts).toEqual([{ volume: 'data', destination: '/data', readOnly: true }]);
    expect(held?.endpoints).toEqual([
      { networkName: 'lab', networkId: 'n1', ipv4: '10.0.0.2' },
      { networkName: 'other', networkId: '', ipv4: null },
    ]);
  });

  it('descriptive fields that are missing or odd become empty; an unknown state is dead', () => {
    const [held] = parseContainerList([{ Id: 'b'.repeat(64), State: 'weird', Ports: 'nope', Labels: 7 }]);
    expect(held?.summary).toMatchObject({ name: 'b'.repeat(12), state: 'dead', status: '', ports: [], labels: {}, exitCode: null });
    expect(held?.mounts).toEqual([]);
  });

  it('a reply that is not a container list is a clear ENGINE_ERROR, not a crash', () => {
    expect(() => parseContainerList({ message: 'hi' })).toThrow(BerthError);
    expect(() => parseContainerList([{ Names: ['/x'] }])).toThrow(/container list was not understood \(at 0\.Id\)/);
    expect(() => parseNetworks([{ Name: 'x' }])).toThrow(/network list was not understood/);
    expect(() => parseImageList('x')).toThrow(/image list was not understood/);
  });

  it('an image inspect document becomes the same row as its list entry', () => {
    const listed = parseImageList([
      { Id: 'sha256:9', RepoTags: ['a:1', '<none>:<none>'], RepoDigests: null, Created: 1700000000, Size: 5, Containers: -1, Labels: null },
    ]);
    const inspected = parseImageInspect({
      Id: 'sha256:9',
      RepoTags: ['a:1'],
      RepoDigests: [],
      Created: '2023-11-14T22:13:20.123456789Z',
      Size: 5,
      Config: { Labels: null },
    });
    expect(inspected).toEqual(listed[0]);
    expect(inspected).toMatchObject({ repoTags: ['a:1'], created: 1700000000, containers: -1, labels: {} });
  });

  it('volumes and networks keep their own fields, without users or members', () => {
    expect(parseVolumes([{ Name: 'v', Driver: 'local', Mountpoint: '/m', Labels: { a: 'b' } }, { nope: 1 }])).toEqual([
      { name: 'v', driver: 'local', scope: 'local', createdAt: null, mountpoint: '/m', labels: { a: 'b' }, options: {} },
    ]);
    const [network] = parseNetworks([{ Id: 'n1', Name: 'host', Driver: 'host', Scope: 'local' }]);
    expect(network).toMatchObject({ id: 'n1', name: 'host', builtIn: true });
    expect(network).not.toHaveProperty('containers');
  });
});
