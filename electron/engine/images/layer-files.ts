import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { createGunzip, type Gunzip } from 'node:zlib';
import { extract, type Headers } from 'tar-stream';
import type { LayerFile, LayerFiles } from '../../../shared/image-types.js';

/** A path in a layer tar, with what its header says. */
interface LayerEntry {
  path: string;
  type: LayerFile['type'];
  size: number;
  mode: string;
  linkTarget: string | null;
}

interface Wanted {
  /** The layer to list. */
  diffId: string;
  /** The layers below it, whose paths decide "added" versus "changed". */
  lowerDiffIds: readonly string[];
  limit: number;
}

const layerTarRe = /(?:^|\/)layer\.tar$/; // classic `docker save`: <id>/layer.tar
const blobRe = /^blobs\/sha256\/([0-9a-f]{64})$/; // OCI layout (Engine 25+): blobs/sha256/<digest>

function normalize(name: string): string {
  return name.replace(/^\.\//, '').replace(/\/$/, '');
}

function typeOf(header: Headers): LayerFile['type'] {
  switch (header.type) {
    case 'file':
    case 'contiguous-file':
      return 'file';
    case 'directory':
      return 'directory';
    case 'symlink':
      return 'symlink';
    case 'link':
      return 'hardlink';
    default:
      return 'other';
  }
}

/** gzip's magic bytes: OCI layouts may hold `application/vnd.oci.image.layer.v1.tar+gzip` blobs. */
function isGzip(chunk: Buffer): boolean {
  return chunk.length >= 2 && chunk[0] === 0x1f && chunk[1] === 0x8b;
}

/**
 * Lists one layer tar while hashing it: the sha256 of a layer's uncompressed tar is its diff ID.
 * A gzip-compressed layer is gunzipped as it streams (its blob name is the digest of the
 * compressed bytes, so only the hash of what comes out identifies it). With `onlyCompressed`, a
 * blob that is not gzip is skipped unread. Always reads `body` to its end, so the archive goes on.
 */
function readLayer(
  body: Readable,
  keepEntries: number,
  onlyCompressed: boolean,
): Promise<{ diffId: string; entries: LayerEntry[]; total: number; paths: Map<string, LayerFile['type']> } | undefined> {
  return new Promise((resolve) => {
    const hash = createHash('sha256');
    const entries: LayerEntry[] = [];
    const paths = new Map<string, LayerFile['type']>();
    let total = 0;
    let inputEnded = false;
    let rawEnded = false;
    let listed = false;
    let failed = false;
    const done = (): void => {
      if (inputEnded && listed) resolve(failed ? undefined : { diffId: `sha256:${hash.digest('hex')}`, entries, total, paths });
    };
    const giveUp = (): void => {
      failed = true;
      listed = true;
    };
    const inner = extract();
    inner.on('entry', (header, entryBody, next) => {
      const path = normalize(header.name);
      if (path !== '' && path !== '.') {
        const type = typeOf(header);
        paths.set(path, type);
        total += 1;
        if (entries.length < keepEntries) {
          entries.push({
            path,
            type,
            size: header.size ?? 0,
            mode: ((header.mode ?? 0) & 0o7777).toString(8),
            linkTarget: header.linkname ?? null,
          });
        }
      }
      entryBody.on('end', next);
      entryBody.resume();
    });
    inner.on('finish', () => ((listed = true), done()));
    // Not a tar (a config, a corrupt blob): keep reading to the end, list nothing.
    inner.on('error', () => (giveUp(), done()));

    /** Tar bytes (after gunzip when compressed) go to the hash and the parser, at the parser's pace. */
    const consume = (source: Readable, chunk: Buffer): void => {
      if (failed) return;
      hash.update(chunk);
      if (!inner.write(chunk)) {
        source.pause();
        inner.once('drain', () => source.resume());
      }
    };
    const endInput = (): void => {
      if (!failed) inner.end();
      inputEnded = true;
      done();
    };

    let gunzip: Gunzip | undefined;
    let sniffed = false;
    body.on('data', (chunk: Buffer) => {
      if (!sniffed) {
        sniffed = true;
        if (isGzip(chunk)) {
          const g = createGunzip();
          gunzip = g;
          g.on('data', (out: Buffer) => consume(g, out));
          g.on('end', endInput);
          g.on('error', () => {
            // Corrupt gzip: stop inflating, drain the rest of the blob.
            giveUp();
            gunzip = undefined;
            body.resume();
            if (rawEnded) endInput();
          });
        } else if (onlyCompressed) {
          giveUp();
        }
      }
      if (!gunzip) return consume(body, chunk);
      if (!gunzip.write(chunk)) {
        body.pause();
        gunzip.once('drain', () => body.resume());
      }
    });
    body.on('end', () => {
      rawEnded = true;
      if (gunzip) gunzip.end();
      else endInput();
    });
  });
}

/** What the layer did to each path, from its entries and the paths of the layers below. */
export function classifyLayer(entries: readonly LayerEntry[], lower: ReadonlyMap<string, LayerFile['type']>): LayerFile[] {
  return entries.map((e) => {
    const slash = e.path.lastIndexOf('/');
    const dir = slash >= 0 ? e.path.slice(0, slash) : '';
    const base = e.path.slice(slash + 1);
    if (base === '.wh..wh..opq') {
      // An opaque directory: nothing the lower layers had inside it shows through.
      return { path: dir, change: 'removed', type: 'directory', size: 0, mode: e.mode, linkTarget: null, opaque: true };
    }
    if (base.startsWith('.wh.')) {
      const removed = `${dir ? `${dir}/` : ''}${base.slice(4)}`;
      return { path: removed, change: 'removed', type: lower.get(removed) ?? 'other', size: 0, mode: '0', linkTarget: null, opaque: false };
    }
    return { ...e, change: lower.has(e.path) ? 'changed' : 'added', opaque: false };
  });
}

/** The paths visible after stacking layers in order, whiteouts applied. */
export function stackLayers(layers: ReadonlyArray<ReadonlyMap<string, LayerFile['type']>>): Map<string, LayerFile['type']> {
  const visible = new Map<string, LayerFile['type']>();
  for (const layer of layers) {
    for (const path of layer.keys()) {
      const slash = path.lastIndexOf('/');
      const dir = slash >= 0 ? path.slice(0, slash) : '';
      const base = path.slice(slash + 1);
      if (!base.startsWith('.wh.')) continue;
      const gone = base === '.wh..wh..opq' ? dir : `${dir ? `${dir}/` : ''}${base.slice(4)}`;
      for (const p of [...visible.keys()]) {
        if (base === '.wh..wh..opq' ? p.startsWith(`${gone}/`) : p === gone || p.startsWith(`${gone}/`)) visible.delete(p);
      }
    }
    for (const [path, type] of layer) if (!/(?:^|\/)\.wh\./.test(path)) visible.set(path, type);
  }
  return visible;
}

/**
 * Reads a `docker save` archive as a stream (never whole in memory) and lists one layer. Both
 * layouts work: classic (<id>/layer.tar) and OCI (blobs/sha256/<digest>, plain or gzip layers);
 * each layer is identified by hashing its uncompressed tar. Stops reading as soon as the wanted layer and those below it have been seen.
 */
export function listLayerFiles(archive: Readable, wanted: Wanted): Promise<LayerFiles | undefined> {
  const needed = new Set([wanted.diffId, ...wanted.lowerDiffIds]);
  // Archive order is not layer order: keep each lower layer's paths, stack them at the end.
  const lowerLayers = new Map<string, Map<string, LayerFile['type']>>();
  const lowerIds = new Set(wanted.lowerDiffIds);
  let target: { entries: LayerEntry[]; total: number } | undefined;

  return new Promise((resolve, reject) => {
    let settled = false;
    const settle = (): void => {
      if (settled) return;
      settled = true;
      archive.destroy();
      if (!target) return resolve(undefined);
      const lower = stackLayers(wanted.lowerDiffIds.map((id) => lowerLayers.get(id) ?? new Map<string, LayerFile['type']>()));
      resolve({
        diffId: wanted.diffId,
        files: classifyLayer(target.entries, lower),
        truncated: target.total > target.entries.length,
        totalEntries: target.total,
      });
    };
    const outer = extract();
    outer.on('entry', (header, body, next) => {
      const blob = blobRe.exec(header.name)?.[1];
      // A blob named by a diff ID we need is an uncompressed layer; any other blob may be a gzip
      // layer whose diff ID shows only once inflated, so it is sniffed (and skipped unless gzip).
      const named = layerTarRe.test(header.name) || (blob !== undefined && needed.has(`sha256:${blob}`));
      const candidate = header.type === 'file' && (named || blob !== undefined);
      if (!candidate) {
        body.on('end', next);
        body.resume();
        return;
      }
      void readLayer(body, wanted.limit, !named).then((layer) => {
        if (layer && needed.has(layer.diffId)) {
          needed.delete(layer.diffId);
          if (layer.diffId === wanted.diffId) target = { entries: layer.entries, total: layer.total };
          if (lowerIds.has(layer.diffId)) lowerLayers.set(layer.diffId, layer.paths);
        }
        if (needed.size === 0) settle();
        else next();
      });
    });
    outer.on('finish', settle);
    outer.on('error', (err) => {
      if (!settled) {
        settled = true;
        reject(err);
      }
    });
    archive.on('error', (err) => outer.destroy(err));
    archive.pipe(outer);
  });
}
