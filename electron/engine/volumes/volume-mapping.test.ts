import { describe, expect, it } from 'vitest';
import type { VolumeSummary } from '../../../shared/volume-types.js';
import { prunePreviewOf, pruneRecheck, toVolumeSummaries, unusedVolumes, volumeSizesFromDf, volumeUsers } from './volume-mapping.js';

const container = (id: string, name: string, state: string, mounts: unknown[]): unknown => ({
  Id: id,
  Names: [`/${name}`],
  State: state,
  Mounts: mounts,
});
const volumeMount = (name: string, destination: string, rw = true): unknown => ({
  Type: 'volume',
  Name: name,
  Source: `/var/lib/docker/volumes/${name}/_data`,
  Destination: destination,
  RW: rw,
});

describe('used by, from one container list', () => {
  const containers = [
    container('c1', 'web', 'running', [volumeMount('data', '/srv'), { Type: 'bind', Source: '/home/me', Destination: '/home' }]),
    container('c2', 'backup', 'exited', [volumeMount('data', '/backup', false), volumeMount('logs', '/logs')]),
    container('c3', 'twice', 'created', [volumeMount('logs', '/a'), volumeMount('logs', '/b')]),
    container('c4', 'tmp', 'running', [{ Type: 'tmpfs', Destination: '/tmp' }]),
  ];

  it('lists each container mounting a volume, running or not, once, sorted by name', () => {
    const users = volumeUsers(containers);
    expect(users.get('data')).toEqual([
      { id: 'c2', name: 'backup', state: 'exited', destination: '/backup', readOnly: true },
      { id: 'c1', name: 'web', state: 'running', destination: '/srv', readOnly: false },
    ]);
    expect(users.get('logs')?.map((u) => u.name)).toEqual(['backup', 'twice']);
    expect([...users.keys()].sort()).toEqual(['data', 'logs']);
  });

  it('ignores bind mounts, tmpfs and malformed entries', () => {
    expect(
      volumeUsers([null, 7, { Id: 'x' }, container('c9', 'b', 'running', [{ Type: 'bind', Name: 'data', Destination: '/d' }])]).size,
    ).toBe(0);
  });

  it('joins volumes with their users; a volume nobody mounts has none', () => {
    const volumes = [
      {
        Name: 'logs',
        Driver: 'local',
        Scope: 'local',
        CreatedAt: '2026-01-02T03:04:05Z',
        Mountpoint: '/m/logs',
        Labels: null,
        Options: null,
      },
      {
        Name: 'data',
        Driver: 'local',
        Scope: 'local',
        Mountpoint: '/m/data',
        Labels: { 'com.docker.compose.project': 'shop' },
        Options: { type: 'tmpfs' },
      },
      { Name: 'spare', Driver: 'local', Scope: 'local', Mountpoint: '/m/spare', Labels: {}, Options: null },
    ];
    const rows = toVolumeSummaries(volumes, containers);
    expect(rows.map((r) => r.name)).toEqual(['data', 'logs', 'spare']);
    expect(rows[0]).toMatchObject({ createdAt: null, labels: { 'com.docker.compose.project': 'shop' }, options: { type: 'tmpfs' } });
    expect(rows[1]).toMatchObject({ createdAt: '2026-01-02T03:04:05Z', labels: {}, options: {} });
    expect(rows[2]?.usedBy).toEqual([]);
    expect(unusedVolumes(rows).map((r) => r.name)).toEqual(['spare']);
  });
});

describe('prune preview', () => {
  const summary = (name: string, labels: Record<string, string> = {}, used = false): VolumeSummary => ({
    name,
    driver: 'local',
    scope: 'local',
    createdAt: null,
    mountpoint: '',
    labels,
    options: {},
    usedBy: used ? [{ id: 'c1', name: 'web', state: 'running', destination: '/d', readOnly: false }] : [],
  });
  const hex = 'b'.repeat(64);
  const volumes = [
    summary(hex, { team: 'nav' }),
    summary('pgdata', { 'com.docker.compose.project': 'shop', team: 'nav' }),
    summary('marked', { 'com.docker.volume.anonymous': '' }),
    summary('busy', { team: 'nav' }, true),
    summary('bags', { team: 'perception' }),
  ];

  it('keeps named volumes apart from anonymous ones (engine-made names, or marked anonymous)', () => {
    const p = prunePreviewOf(volumes);
    expect(p.anonymous.map((v) => v.name)).toEqual([hex, 'marked']);
    expect(p.named.map((v) => v.name)).toEqual(['pgdata', 'bags']);
  });

  it('narrows to a label as docker does: key alone matches any value, key=value only that one', () => {
    expect(prunePreviewOf(volumes, 'team')).toEqual({ anonymous: [volumes[0]], named: [volumes[1], volumes[4]] });
    expect(prunePreviewOf(volumes, 'team=nav')).toEqual({ anonymous: [volumes[0]], named: [volumes[1]] });
    expect(prunePreviewOf(volumes, 'team=na')).toEqual({ anonymous: [], named: [] });
  });
});

describe('the re-check before pruning one volume', () => {
  const inspected = (createdAt: string): unknown => ({
    Name: 'db',
    Driver: 'local',
    CreatedAt: createdAt,
    Mountpoint: '/m/db',
    Labels: null,
  });

  it('goes ahead when the volume is the one previewed and nobody uses it', () => {
    expect(pruneRecheck('2026-11-23T10:00:00Z', inspected('2026-11-23T10:00:00Z'), [])).toBeNull();
    expect(pruneRecheck('2026-11-23T10:00:00Z', inspected('2026-11-23T11:00:00+01:00'), [])).toBeNull();
  });

  it('skips a namesake made since the preview, and one a container took up', () => {
    expect(pruneRecheck('2026-11-23T10:00:00Z', inspected('2026-11-23T10:05:00Z'), [])).toMatch(/Made again since the preview/);
    expect(pruneRecheck(null, inspected('2026-11-23T10:05:00Z'), [])).toMatch(/Made again/);
    const user = container('c7', 'psql', 'running', [volumeMount('db', '/var/lib/postgresql')]);
    expect(pruneRecheck('2026-11-23T10:00:00Z', inspected('2026-11-23T10:00:00Z'), [user])).toMatch(/Now used by psql \(running\)/);
  });
});

describe('sizes from system df', () => {
  it('keeps bytes, and null where the engine could not tell', () => {
    const df = {
      Volumes: [
        { Name: 'a', UsageData: { Size: 4096, RefCount: 1 } },
        { Name: 'b', UsageData: { Size: -1, RefCount: 0 } },
        { Name: 'c', UsageData: null },
      ],
    };
    expect(volumeSizesFromDf(df)).toEqual({ a: 4096, b: null, c: null });
    expect(volumeSizesFromDf({ Volumes: null })).toEqual({});
    expect(volumeSizesFromDf('nonsense')).toEqual({});
  });
});
