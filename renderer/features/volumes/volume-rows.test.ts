import { describe, expect, it } from 'vitest';
import type { VolumeSummary } from '../../../shared/volume-types.js';
import { toCreateInput } from './volume-create-form.js';
import { filterVolumes, removeLine, toVolumeRow, usersNamedIn } from './volume-rows.js';

const anon = 'ab12'.repeat(16);
const summary = (over: Partial<VolumeSummary>): VolumeSummary => ({
  name: 'data',
  driver: 'local',
  scope: 'local',
  createdAt: '2026-03-01T10:00:00Z',
  mountpoint: '/var/lib/docker/volumes/data/_data',
  labels: {},
  options: {},
  usedBy: [],
  ...over,
});

describe('volume rows', () => {
  it('shortens anonymous names and keeps chosen ones whole', () => {
    expect(toVolumeRow(summary({ name: anon }))).toMatchObject({ anonymous: true, shortName: `${anon.slice(0, 12)}…`, name: anon });
    expect(toVolumeRow(summary({ name: 'data' }))).toMatchObject({ anonymous: false, shortName: 'data' });
  });

  it('reads the Compose project and the creation time; other labels stay listed', () => {
    const row = toVolumeRow(summary({ labels: { 'com.docker.compose.project': 'shop', 'com.docker.compose.volume': 'db', team: 'nav' } }));
    expect(row.project).toBe('shop');
    expect(row.otherLabels).toEqual([['team', 'nav']]);
    expect(row.created).toBe(Date.parse('2026-03-01T10:00:00Z') / 1000);
    expect(toVolumeRow(summary({ createdAt: null })).created).toBeNull();
  });

  it('filters on name, driver, labels, project and the containers using it', () => {
    const rows = [
      toVolumeRow(
        summary({
          name: 'pg',
          usedBy: [{ id: 'c1', name: 'postgres', state: 'running', destination: '/var/lib/postgresql', readOnly: false }],
        }),
      ),
      toVolumeRow(summary({ name: 'bags', driver: 'sshfs', labels: { 'com.docker.compose.project': 'robot' } })),
    ];
    expect(filterVolumes(rows, 'POSTGRES').map((r) => r.name)).toEqual(['pg']);
    expect(filterVolumes(rows, 'robot').map((r) => r.name)).toEqual(['bags']);
    expect(filterVolumes(rows, 'sshfs').map((r) => r.name)).toEqual(['bags']);
    expect(filterVolumes(rows, '  ')).toHaveLength(2);
  });

  it('names the containers from the engine’s in-use refusal', () => {
    const users = [
      { id: 'c'.repeat(64), name: 'web', state: 'exited' as const, destination: '/d', readOnly: false },
      { id: 'd'.repeat(64), name: 'other', state: 'running' as const, destination: '/d', readOnly: false },
    ];
    expect(usersNamedIn(`remove x: volume is in use - [${'c'.repeat(64)}]`, users).map((u) => u.name)).toEqual(['web']);
  });
});

describe('create form', () => {
  it('builds the contract input; an empty name lets the engine pick one', () => {
    expect(toCreateInput({ name: '', driver: 'local', labels: [], options: [] })).toEqual({ input: { driver: 'local' }, problems: {} });
    expect(
      toCreateInput({
        name: ' db ',
        driver: '',
        labels: [
          { key: 'team', value: 'nav' },
          { key: '', value: '' },
        ],
        options: [{ key: 'type', value: 'tmpfs' }],
      }),
    ).toEqual({ input: { name: 'db', driver: 'local', labels: { team: 'nav' }, options: { type: 'tmpfs' } }, problems: {} });
  });

  it('says what is wrong, field by field', () => {
    const { problems } = toCreateInput({
      name: '-bad',
      driver: 'no spaces please',
      labels: [{ key: '', value: 'orphan' }],
      options: [
        { key: 'a', value: '1' },
        { key: 'a', value: '2' },
      ],
    });
    expect(problems.name).toMatch(/letter or digit/);
    expect(problems.driver).toMatch(/driver/);
    expect(problems.labels).toMatch(/needs a key/);
    expect(problems.options).toMatch(/given twice/);
    expect(toCreateInput({ name: 'x', driver: 'local', labels: [{ key: 'a=b', value: '' }], options: [] }).problems).toMatchObject({
      name: expect.any(String),
      labels: expect.stringMatching(/no =/),
    });
  });
});

describe('remove line', () => {
  it('spells out a few names and counts the rest', () => {
    expect(removeLine(['a1', 'b2']).text).toBe('docker volume rm a1 b2');
    const long = removeLine(['v1', 'v2', 'v3', 'v4', 'v5', 'v6']);
    expect(long.text).toBe('docker volume rm v1 v2 v3 v4 … (2 more)');
    expect(long.full).toBe('docker volume rm v1 v2 v3 v4 v5 v6');
  });
});
