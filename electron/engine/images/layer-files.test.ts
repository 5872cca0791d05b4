import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { pack } from 'tar-stream';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { listLayerFiles, stackLayers } from './layer-files.js';

type Entry = { name: string; type?: 'file' | 'directory' | 'symlink'; body?: string | Buffer; linkname?: string; mode?: number };

/** Builds a tar in memory (small test archives only). */
function tarOf(entries: Entry[]): Promise<Buffer> {
  const p = pack();
  for (const e of entries) {
    p.entry({ name: e.name, type: e.type ?? 'file', mode: e.mode ?? 0o644, ...(e.linkname ? { linkname: e.linkname } : {}) }, e.body ?? '');
  }
  p.finalize();
  const chunks: Buffer[] = [];
  return new Promise((resolve) => {
    p.on('data', (c: Buffer) => chunks.push(c));
    p.on('end', () => resolve(Buffer.concat(chunks)));
  });
}
const diffIdOf = (tar: Buffer): string => `sha256:${createHash('sha256').update(tar).digest('hex')}`;

async function layers(): Promise<{ base: Buffer; middle: Buffer; top: Buffer }> {
  const base = await tarOf([
    { name: 'etc/', type: 'directory', mode: 0o755 },
    { name: 'etc/a', body: 'a' },
    { name: 'etc/b', body: 'b' },
    { name: 'var/cache/x', body: 'x' },
    { name: 'gone', body: 'g' },
  ]);
  const middle = await tarOf([{ name: '.wh.gone' }]);
  const top = await tarOf([
    { name: 'etc/', type: 'directory', mode: 0o755 },
    { name: 'etc/a', body: 'changed', mode: 0o600 },
    { name: 'etc/.wh.b' },
    { name: 'var/cache/', type: 'directory' },
    { name: 'var/cache/.wh..wh..opq' },
    { name: 'gone', body: 'back' },
    { name: 'new/link', type: 'symlink', linkname: '/etc/a' },
  ]);
  return { base, middle, top };
}

describe('layer files from a docker save archive', () => {
  it('lists what a layer added, changed and removed (classic layout)', async () => {
    const { base, middle, top } = await layers();
    const archive = await tarOf([
      // The engine writes layers in no particular order; the listing must not care.
      { name: 'ccc/layer.tar', body: top },
      { name: 'aaa/layer.tar', body: base },
      { name: 'bbb/layer.tar', body: middle },
      { name: 'manifest.json', body: '[]' },
    ]);
    const result = await listLayerFiles(Readable.from([archive]), {
      diffId: diffIdOf(top),
      lowerDiffIds: [diffIdOf(base), diffIdOf(middle)],
      limit: 100,
    });
    expect(result?.files.map((f) => [f.path, f.change, f.type, f.opaque])).toEqual([
      ['etc', 'changed', 'directory', false],
      ['etc/a', 'changed', 'file', false],
      ['etc/b', 'removed', 'file', false],
      ['var/cache', 'added', 'directory', false],
      ['var/cache', 'removed', 'directory', true],
      // Removed by the middle layer, so the top layer adds it anew.
      ['gone', 'added', 'file', false],
      ['new/link', 'added', 'symlink', false],
    ]);
    expect(result?.files[1]).toMatchObject({ size: 7, mode: '600' });
    expect(result?.files.at(-1)?.linkTarget).toBe('/etc/a');
    expect(result).toMatchObject({ truncated: false, totalEntries: 7 });
  });

  it('reads the OCI layout, truncates at the limit, and says undefined for a layer not there', async () => {
    const { base, top } = await layers();
    const hex = (t: Buffer): string => diffIdOf(t).slice('sha256:'.length);
    const archive = await tarOf([
      { name: 'oci-layout', body: '{"imageLayoutVersion":"1.0.0"}' },
      { name: `blobs/sha256/${'f'.repeat(64)}`, body: '{"config":true}' },
      { name: `blobs/sha256/${hex(base)}`, body: base },
      { name: `blobs/sha256/${hex(top)}`, body: top },
    ]);
    const result = await listLayerFiles(Readable.from([archive]), { diffId: diffIdOf(top), lowerDiffIds: [diffIdOf(base)], limit: 2 });
    expect(result?.files.map((f) => f.path)).toEqual(['etc', 'etc/a']);
    expect(result).toMatchObject({ truncated: true, totalEntries: 7 });
    const missing = await listLayerFiles(Readable.from([archive]), { diffId: `sha256:${'0'.repeat(64)}`, lowerDiffIds: [], limit: 10 });
    expect(missing).toBeUndefined();
  });

  it('reads gzip-compressed OCI layer blobs (named by the compressed digest), streaming, and survives a corrupt one', async () => {
    const { base, middle, top } = await layers();
    const blobName = (b: Buffer): string => `blobs/sha256/${createHash('sha256').update(b).digest('hex')}`;
    const [gzBase, gzTop] = [gzipSync(base), gzipSync(top)];
    const corrupt = Buffer.concat([Buffer.from([0x1f, 0x8b, 0x08, 0x00]), Buffer.alloc(600, 7)]);
    const archive = await tarOf([
      { name: 'oci-layout', body: '{"imageLayoutVersion":"1.0.0"}' },
      { name: blobName(gzTop), body: gzTop },
      { name: blobName(corrupt), body: corrupt },
      { name: `blobs/sha256/${'e'.repeat(64)}`, body: '{"mediaType":"application/vnd.oci.image.manifest.v1+json"}' },
      // Mixed layouts happen: one layer stored plain, under its diff ID.
      { name: `blobs/sha256/${diffIdOf(middle).slice(7)}`, body: middle },
      { name: blobName(gzBase), body: gzBase },
      { name: 'index.json', body: '{}' },
    ]);
    // In small chunks, as a socket would deliver it: the gunzip and the tar parser keep their pace.
    const chunks: Buffer[] = [];
    for (let i = 0; i < archive.length; i += 700) chunks.push(archive.subarray(i, i + 700));
    const result = await listLayerFiles(Readable.from(chunks), {
      diffId: diffIdOf(top),
      lowerDiffIds: [diffIdOf(base), diffIdOf(middle)],
      limit: 100,
    });
    expect(result?.files.map((f) => [f.path, f.change])).toEqual([
      ['etc', 'changed'],
      ['etc/a', 'changed'],
      ['etc/b', 'removed'],
      ['var/cache', 'added'],
      ['var/cache', 'removed'],
      ['gone', 'added'],
      ['new/link', 'added'],
    ]);
    const lowest = await listLayerFiles(Readable.from([archive]), { diffId: diffIdOf(base), lowerDiffIds: [], limit: 100 });
    expect(lowest?.files.map((f) => f.path)).toEqual(['etc', 'etc/a', 'etc/b', 'var/cache/x', 'gone']);
  });

  it('stacks layers with whiteouts and opaque folders', () => {
    const visible = stackLayers([
      new Map([
        ['a/x', 'file'],
        ['a/y', 'file'],
        ['b', 'file'],
      ]),
      new Map([
        ['a/.wh..wh..opq', 'file'],
        ['a/z', 'file'],
        ['.wh.b', 'file'],
      ]),
    ]);
    expect([...visible.keys()].sort()).toEqual(['a/z']);
  });
});
