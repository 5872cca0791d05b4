import { type Readable } from 'node:stream';
import { extract as tarExtract, pack as tarPack } from 'tar-stream';
import { describe, expect, it } from 'vitest';
import { listTarChildren } from './archive-listing.js';
import { TarUploadWriter } from './tar-upload-writer.js';

async function readTar(stream: Readable): Promise<Array<{ name: string; mode: number | undefined; data: string }>> {
  const out: Array<{ name: string; mode: number | undefined; data: string }> = [];
  const extract = tarExtract();
  extract.on('entry', (header, entry, next) => {
    const parts: Buffer[] = [];
    entry.on('data', (c: Buffer) => parts.push(c));
    entry.on('end', () => {
      out.push({ name: header.name, mode: header.mode, data: Buffer.concat(parts).toString() });
      next();
    });
  });
  await new Promise<void>((resolve, reject) => {
    extract.on('finish', resolve);
    extract.on('error', reject);
    stream.pipe(extract);
  });
  return out;
}

describe('TarUploadWriter', () => {
  it('wraps chunks that cross file boundaries into one entry per file', async () => {
    const writer = new TarUploadWriter([
      { name: 'a b.txt', size: 5 },
      { name: 'empty', size: 0 },
      { name: 'ünï.txt', size: 3 },
    ]);
    const read = readTar(writer.tar);
    await writer.write(new TextEncoder().encode('hel'));
    await writer.write(new TextEncoder().encode('loxy'));
    await writer.write(new TextEncoder().encode('z'));
    await writer.finish();
    expect(await read).toEqual([
      { name: 'a b.txt', mode: 0o644, data: 'hello' },
      { name: 'empty', mode: 0o644, data: '' },
      { name: 'ünï.txt', mode: 0o644, data: 'xyz' },
    ]);
    expect(writer.bytesWritten).toBe(8);
  });

  it('refuses extra bytes and an early end', async () => {
    const extra = new TarUploadWriter([{ name: 'a', size: 1 }]);
    extra.tar.resume();
    await expect(extra.write(new Uint8Array(2))).rejects.toThrow(/More bytes/);
    const short = new TarUploadWriter([{ name: 'a', size: 4 }]);
    short.tar.resume();
    await short.write(new Uint8Array(1));
    await expect(short.finish()).rejects.toThrow(/3 bytes are missing/);
  });
});

function archiveOf(entries: Array<{ name: string; type?: 'directory' | 'symlink' | 'file'; size?: number; linkname?: string }>): Readable {
  const pack = tarPack();
  for (const e of entries) {
    if (e.type === 'file' || e.type === undefined)
      pack.entry({ name: e.name, mode: 0o644, mtime: new Date(1_700_000_000_000) }, Buffer.alloc(e.size ?? 0));
    else pack.entry({ name: e.name, type: e.type, mode: 0o755, linkname: e.linkname, mtime: new Date(1_700_000_000_000) });
  }
  pack.finalize();
  return pack as unknown as Readable;
}

describe('listTarChildren', () => {
  it('keeps the direct children of the archived folder only', async () => {
    const listing = await listTarChildren(
      archiveOf([
        { name: 'etc/', type: 'directory' },
        { name: 'etc/hosts', size: 10 },
        { name: 'etc/ssl/', type: 'directory' },
        { name: 'etc/ssl/cert.pem', size: 100 },
        { name: 'etc/mtab', type: 'symlink', linkname: '/proc/mounts' },
      ]),
      { maxEntries: 100, maxBytes: 1 << 20 },
    );
    expect(listing.partial).toBeUndefined();
    expect(listing.entries.map((e) => [e.name, e.kind, e.size])).toEqual([
      ['hosts', 'file', 10],
      ['ssl', 'dir', 0],
      ['mtab', 'symlink', 0],
    ]);
    expect(listing.entries[2]?.linkTarget).toBe('/proc/mounts');
  });

  it('stops at its bounds and says the listing is partial', async () => {
    const many = [{ name: 'd/', type: 'directory' as const }, ...Array.from({ length: 50 }, (_v, i) => ({ name: `d/f${i}`, size: 1 }))];
    const byCount = await listTarChildren(archiveOf(many), { maxEntries: 10, maxBytes: 1 << 20 });
    expect(byCount.entries).toHaveLength(10);
    expect(byCount.partial).toMatch(/first 10/);
    const big = [
      { name: 'd/', type: 'directory' as const },
      { name: 'd/a', size: 1 },
      { name: 'd/huge', size: 4 << 20 },
      { name: 'd/z', size: 1 },
    ];
    const byBytes = await listTarChildren(archiveOf(big), { maxEntries: 100, maxBytes: 1 << 20 });
    expect(byBytes.partial).toMatch(/Stopped after reading/);
    expect(byBytes.entries.map((e) => e.name)).not.toContain('z');
  });
});
