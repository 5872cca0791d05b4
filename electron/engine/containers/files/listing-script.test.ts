import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { listingScript, parseListingOutput } from './listing-script.js';

const enc = new TextEncoder();
const bytes = (s: string): Uint8Array => enc.encode(s);

describe('the listing script output parser', () => {
  it('reads records and stat lines, any name', () => {
    const out = bytes('f\0a b\0L\0lnk\0a b\0f\0new\nline\0\x00' + '41ed 4096 1700000000\na1ff 3 1700000001\n81a4 12 1700000002\n' + '\0');
    const parsed = parseListingOutput(out);
    expect(parsed.truncated).toBe(false);
    expect(parsed.entries).toEqual([
      { name: 'a b', kind: 'dir', size: 4096, mode: 0o755, mtime: 1_700_000_000_000 },
      { name: 'lnk', kind: 'symlink', size: 3, mode: 0o777, mtime: 1_700_000_001_000, linkTarget: 'a b', linkToDir: true },
      { name: 'new\nline', kind: 'file', size: 12, mode: 0o644, mtime: 1_700_000_002_000 },
    ]);
  });

  it('reads an empty directory and the entry limit mark', () => {
    expect(parseListingOutput(bytes('\0'))).toEqual({ entries: [], truncated: false });
    const cut = parseListingOutput(bytes('f\0x\0\0' + '81a4 1 1\n' + '!\0'));
    expect(cut).toMatchObject({ truncated: true, entries: [{ name: 'x' }] });
  });

  it('throws on output it does not understand (the caller falls back to the archive API)', () => {
    expect(() => parseListingOutput(bytes('f\0x\0\0'))).toThrow();
    expect(() => parseListingOutput(bytes('sh: stat: not found\n'))).toThrow();
    expect(() => parseListingOutput(bytes(''))).toThrow();
  });

  describe('run by the host sh', () => {
    const dir = mkdtempSync(join(tmpdir(), 'berth-ls-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('lists what is there, in batches, including odd names', () => {
      mkdirSync(join(dir, 'sub dir'));
      writeFileSync(join(dir, 'new\nline'), 'x');
      writeFileSync(join(dir, '.hidden'), 'hh');
      symlinkSync('sub dir', join(dir, 'to-sub'));
      for (let i = 0; i < 300; i++) writeFileSync(join(dir, `f${i}`), '');
      const out = execFileSync('sh', ['-c', listingScript, 'berth-ls', dir, '1000']);
      const parsed = parseListingOutput(out);
      expect(parsed.entries).toHaveLength(304);
      const names = new Map(parsed.entries.map((e) => [e.name, e]));
      expect(names.get('sub dir')?.kind).toBe('dir');
      expect(names.get('new\nline')).toMatchObject({ kind: 'file', size: 1 });
      expect(names.get('.hidden')?.size).toBe(2);
      expect(names.get('to-sub')).toMatchObject({ kind: 'symlink', linkTarget: 'sub dir', linkToDir: true });
      const capped = parseListingOutput(execFileSync('sh', ['-c', listingScript, 'berth-ls', dir, '10']));
      expect(capped.truncated).toBe(true);
      expect(capped.entries).toHaveLength(10);
    });

    it('exits with its codes for a missing path and a file', () => {
      const code = (path: string): number | null => {
        try {
          execFileSync('sh', ['-c', listingScript, 'berth-ls', path, '10'], { stdio: 'pipe' });
          return 0;
        } catch (err) {
          return (err as { status: number | null }).status;
        }
      };
      expect(code(join(dir, 'nope'))).toBe(3);
      expect(code(join(dir, '.hidden'))).toBe(4);
    });
  });
});
