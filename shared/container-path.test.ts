import { describe, expect, it } from 'vitest';
import {
  baseNameOf,
  checkContainerPath,
  checkFileName,
  joinContainerPath,
  normalizeContainerPath,
  parentContainerPath,
  pathCrumbs,
} from './container-path.js';
import { calls } from './contract.js';

describe('container paths', () => {
  it('normalises like the kernel reads them', () => {
    expect(normalizeContainerPath('/')).toBe('/');
    expect(normalizeContainerPath('//etc///ssl/')).toBe('/etc/ssl');
    expect(normalizeContainerPath('/etc/./ssl/../hosts')).toBe('/etc/hosts');
    expect(normalizeContainerPath('/../../etc')).toBe('/etc');
    expect(normalizeContainerPath('/a b/ünï €/new\nline')).toBe('/a b/ünï €/new\nline');
  });

  it('refuses relative paths, NUL and empty input with a reason', () => {
    expect(checkContainerPath('etc')).toMatchObject({ ok: false, error: expect.stringContaining('absolute') });
    expect(checkContainerPath('/etc\0x')).toMatchObject({ ok: false, error: expect.stringContaining('NUL') });
    expect(checkContainerPath('')).toMatchObject({ ok: false });
    expect(checkContainerPath(`/${'a'.repeat(5000)}`)).toMatchObject({ ok: false });
    expect(checkContainerPath('/srv/../etc/')).toEqual({ ok: true, path: '/etc' });
  });

  it('joins, splits and names', () => {
    expect(joinContainerPath('/', 'etc')).toBe('/etc');
    expect(joinContainerPath('/etc', 'hosts')).toBe('/etc/hosts');
    expect(parentContainerPath('/etc/ssl')).toBe('/etc');
    expect(parentContainerPath('/etc')).toBe('/');
    expect(parentContainerPath('/')).toBe('/');
    expect(baseNameOf('/srv/my data')).toBe('my data');
    expect(pathCrumbs('/srv/my data')).toEqual([
      { label: '/', path: '/' },
      { label: 'srv', path: '/srv' },
      { label: 'my data', path: '/srv/my data' },
    ]);
  });

  it('accepts file names with spaces and unicode, not separators or dot names', () => {
    expect(checkFileName('robot config.bin').ok).toBe(true);
    expect(checkFileName('ünï €').ok).toBe(true);
    expect(checkFileName('a/b').ok).toBe(false);
    expect(checkFileName('..').ok).toBe(false);
    expect(checkFileName('').ok).toBe(false);
    expect(checkFileName('é'.repeat(200)).ok).toBe(false);
  });

  it('the contract normalises paths and names the docker command', () => {
    const parsed = calls['files.list'].input.parse({ id: 'web', path: '/srv/../etc/' });
    expect(parsed.path).toBe('/etc');
    expect(calls['files.list'].input.safeParse({ id: 'web', path: 'etc' }).success).toBe(false);
    expect(calls['files.list'].cli?.(parsed)).toBe('docker exec web ls -la /etc');
    const upload = calls['files.uploadBegin'].input.safeParse({
      id: 'web',
      dir: '/tmp',
      files: [
        { name: 'a', size: 1 },
        { name: 'a', size: 2 },
      ],
      replace: false,
    });
    expect(upload.success).toBe(false);
    const tooBig = calls['files.uploadBegin'].input.safeParse({
      id: 'web',
      dir: '/tmp',
      files: [{ name: 'a', size: 65 * 1024 * 1024 }],
      replace: false,
    });
    expect(tooBig.success).toBe(false);
  });
});
