import { describe, expect, it } from 'vitest';
import { entryKindOfGoMode, entryKindOfUnixMode, permissionsOfGoMode } from './file-modes.js';
import { decodePathStat } from './path-stat.js';

describe('file modes', () => {
  it('reads Unix st_mode types', () => {
    expect(entryKindOfUnixMode(0o40755)).toBe('dir');
    expect(entryKindOfUnixMode(0o100644)).toBe('file');
    expect(entryKindOfUnixMode(0o120777)).toBe('symlink');
    expect(entryKindOfUnixMode(0o20666)).toBe('other');
  });

  it("reads Go's os.FileMode as the engine reports it", () => {
    // Values seen from a real engine: /etc, /etc/hosts, the /etc/mtab link.
    expect(entryKindOfGoMode(2147484141)).toBe('dir');
    expect(permissionsOfGoMode(2147484141)).toBe(0o755);
    expect(entryKindOfGoMode(420)).toBe('file');
    expect(entryKindOfGoMode(134218239)).toBe('symlink');
    expect(entryKindOfGoMode(2 ** 26 + 2 ** 21 + 0o666)).toBe('other');
    expect(permissionsOfGoMode(2 ** 23 + 0o755)).toBe(0o4755);
    expect(permissionsOfGoMode(2 ** 31 + 2 ** 20 + 0o777)).toBe(0o1777);
  });

  it('decodes the X-Docker-Container-Path-Stat header', () => {
    const header = Buffer.from(
      JSON.stringify({ name: 'mtab', size: 12, mode: 134218239, mtime: '2026-11-23T13:02:37.469405952Z', linkTarget: '/proc/mounts' }),
    ).toString('base64');
    expect(decodePathStat(header)).toEqual({
      name: 'mtab',
      kind: 'symlink',
      size: 12,
      mode: 0o777,
      mtime: Date.parse('2026-11-23T13:02:37.469Z'),
      linkTarget: '/proc/mounts',
    });
    expect(decodePathStat(undefined)).toBeUndefined();
    expect(decodePathStat('not base64 json')).toBeUndefined();
  });
});
