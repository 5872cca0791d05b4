import { describe, expect, it } from 'vitest';
import { calls, cliEquivalent } from './contract.js';
import { formatVolumeCreate } from './volume-contract.js';
import {
  isAnonymousVolume,
  isAnonymousVolumeName,
  matchesLabelFilter,
  volumeLabelFilterProblem,
  volumeNameProblem,
} from './volume-types.js';

describe('volume names', () => {
  it('accepts what the engine accepts, and empty (the engine picks a name)', () => {
    for (const ok of ['', 'db', 'ros_bags', 'my.volume-2', '0a', 'A9']) expect(volumeNameProblem(ok)).toBeNull();
  });

  it('refuses what the engine refuses, with the rule in words', () => {
    for (const bad of ['a', '-data', '_x', '.hidden', 'has space', 'a/b', 'ünï', 'x:y']) {
      expect(volumeNameProblem(bad)).toMatch(/letter or digit/);
    }
    expect(volumeNameProblem('a'.repeat(256))).toMatch(/255/);
  });

  it('the contract refuses a bad name with the same rule, pointing at the field', () => {
    const bad = calls['volumes.create'].input.safeParse({ name: 'a' });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.path).toEqual(['name']);
    expect(bad.error?.issues[0]?.message).toMatch(/letter or digit/);
  });

  it('refuses references that could leave the URL path', () => {
    for (const bad of ['../containers/x', 'a/b', 'a?force=1', ''])
      expect(calls['volumes.remove'].input.safeParse({ name: bad }).success).toBe(false);
    expect(calls['volumes.removeMany'].input.safeParse({ names: [] }).success).toBe(false);
  });

  it('tells anonymous names (64 hex digits) from chosen ones', () => {
    expect(isAnonymousVolumeName('a'.repeat(64))).toBe(true);
    expect(isAnonymousVolumeName('f00d'.repeat(15))).toBe(false);
    expect(isAnonymousVolumeName('data')).toBe(false);
  });
});

describe('prune label filter and anonymous volumes', () => {
  it('takes key or key=value, and says why otherwise', () => {
    for (const ok of ['', 'team', 'team=nav', 'note=two words', 'empty=']) expect(volumeLabelFilterProblem(ok)).toBeNull();
    for (const bad of ['=x', 'has space', 'a b=c', 'k=line\nbreak']) expect(volumeLabelFilterProblem(bad)).toMatch(/key/);
    expect(calls['volumes.prunePreview'].input.safeParse({ label: 'bad key' }).success).toBe(false);
    expect(calls['volumes.prune'].input.safeParse({ volumes: [] }).success).toBe(false);
    expect(calls['volumes.prune'].input.safeParse({ volumes: [{ name: '../x', createdAt: null }] }).success).toBe(false);
  });

  it('matches labels as docker does', () => {
    expect(matchesLabelFilter({ team: 'nav' }, 'team')).toBe(true);
    expect(matchesLabelFilter({ team: 'nav' }, 'team=nav')).toBe(true);
    expect(matchesLabelFilter({ team: 'nav' }, 'team=')).toBe(false);
    expect(matchesLabelFilter({ team: '' }, 'team=')).toBe(true);
    expect(matchesLabelFilter({}, 'team')).toBe(false);
  });

  it('calls a volume anonymous when the engine made up its name or marked it so', () => {
    expect(isAnonymousVolume({ name: 'c'.repeat(64), labels: {} })).toBe(true);
    expect(isAnonymousVolume({ name: 'x1', labels: { 'com.docker.volume.anonymous': '' } })).toBe(true);
    expect(isAnonymousVolume({ name: 'pgdata', labels: {} })).toBe(false);
  });
});

describe('volume cli lines', () => {
  it('docker volume create, with only the flags given', () => {
    expect(formatVolumeCreate({})).toBe('docker volume create');
    expect(formatVolumeCreate({ name: 'db', driver: 'local' })).toBe('docker volume create db');
    expect(
      formatVolumeCreate({
        name: 'bags',
        driver: 'vieux/sshfs',
        labels: { team: 'nav', keep: '' },
        options: { type: 'tmpfs', o: 'size=100m,uid=1000' },
      }),
    ).toBe('docker volume create --driver vieux/sshfs --label team=nav --label keep --opt type=tmpfs --opt o=size=100m,uid=1000 bags');
    expect(formatVolumeCreate({ labels: { note: 'two words' } })).toBe("docker volume create --label 'note=two words'");
  });

  it('remove, remove many, prune preview and sizes', () => {
    expect(cliEquivalent('volumes.remove', { name: 'db' })).toBe('docker volume rm db');
    expect(cliEquivalent('volumes.removeMany', { names: ['a1', 'b2'] })).toBe('docker volume rm a1 b2');
    expect(cliEquivalent('volumes.prunePreview', {})).toBe('docker volume ls --filter dangling=true');
    expect(cliEquivalent('volumes.prunePreview', { label: 'team=nav bags' })).toBe(
      "docker volume ls --filter dangling=true --filter 'label=team=nav bags'",
    );
    expect(
      cliEquivalent('volumes.prune', {
        volumes: [
          { name: 'a1', createdAt: null },
          { name: 'b2', createdAt: '2026-01-01T00:00:00Z' },
        ],
      }),
    ).toBe('docker volume rm a1 b2');
    expect(cliEquivalent('volumes.sizes', {})).toBe('docker system df --verbose');
    expect(cliEquivalent('volumes.list', {})).toBe('docker volume ls');
  });
});
