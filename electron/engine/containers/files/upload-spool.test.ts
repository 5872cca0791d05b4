import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { extract as tarExtract } from 'tar-stream';
import { afterEach, describe, expect, it } from 'vitest';
import { UploadSpool } from './upload-spool.js';

async function entriesOf(tar: Readable): Promise<Array<{ name: string; data: string }>> {
  const out: Array<{ name: string; data: string }> = [];
  const extract = tarExtract();
  extract.on('entry', (header, entry, next) => {
    const parts: Buffer[] = [];
    entry.on('data', (c: Buffer) => parts.push(c));
    entry.on('end', () => {
      out.push({ name: header.name, data: Buffer.concat(parts).toString() });
      next();
    });
  });
  await new Promise<void>((resolve, reject) => {
    extract.on('finish', resolve);
    extract.on('error', reject);
    tar.pipe(extract);
  });
  return out;
}

describe('UploadSpool', () => {
  const roots: string[] = [];
  const root = (): string => {
    const dir = mkdtempSync(join(tmpdir(), 'berth-spool-test-'));
    roots.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const dir of roots.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('says which file is short until every announced byte arrived', async () => {
    const spool = await UploadSpool.create(root(), [
      { name: 'a.txt', size: 3 },
      { name: 'b.txt', size: 2 },
      { name: 'c.txt', size: 1 },
    ]);
    expect(spool.missing()).toBe('3 of the 3 bytes of a.txt did not arrive (nor 2 file(s) after it)');
    await spool.append(new TextEncoder().encode('abcd'));
    expect(spool.missing()).toBe('1 of the 2 bytes of b.txt did not arrive (nor 1 file(s) after it)');
    await spool.append(new TextEncoder().encode('ef'));
    expect(spool.missing()).toBeUndefined();
    await spool.remove();
  });

  it('refuses more bytes than announced before writing any of them', async () => {
    const spool = await UploadSpool.create(root(), [{ name: 'a', size: 2 }]);
    await spool.append(new Uint8Array([1]));
    await expect(spool.append(new Uint8Array([2, 3]))).rejects.toThrow(/More bytes than the 1 announced file\(s\) hold \(2 bytes\)/);
    expect(spool.received).toBe(1);
    await spool.remove();
  });

  it('makes a tar of the spooled files under the names given', async () => {
    const spool = await UploadSpool.create(root(), [
      { name: 'a.txt', size: 5 },
      { name: 'empty', size: 0 },
      { name: 'b.txt', size: 2 },
    ]);
    await spool.append(new TextEncoder().encode('hel'));
    await spool.append(new TextEncoder().encode('lo!?'));
    await spool.settled();
    expect(await entriesOf(spool.tar(['.t-0', '.t-1', '.t-2']).tar)).toEqual([
      { name: '.t-0', data: 'hello' },
      { name: '.t-1', data: '' },
      { name: '.t-2', data: '!?' },
    ]);
    await spool.remove();
  });

  it('leaves nothing on the host once removed, and refuses bytes after that', async () => {
    const where = root();
    const spool = await UploadSpool.create(where, [{ name: 'a', size: 4 }]);
    const writing = spool.append(new Uint8Array([1, 2]));
    expect(readdirSync(where)).toHaveLength(1);
    await spool.remove();
    await writing;
    await spool.remove();
    expect(readdirSync(where)).toEqual([]);
    await expect(spool.append(new Uint8Array([3]))).rejects.toThrow(/over/);
    expect(existsSync(where)).toBe(true);
  });
});
