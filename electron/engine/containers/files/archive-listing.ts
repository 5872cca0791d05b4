import type { Readable } from 'node:stream';
import { extract as tarExtract, type Headers } from 'tar-stream';
import type { FileEntry, FileKind } from '../../../../shared/files-types.js';

export interface ArchiveListLimits {
  maxEntries: number;
  /** Bytes of the tar stream to read at most (file contents count: the engine sends them). */
  maxBytes: number;
}

export interface ArchiveListing {
  entries: FileEntry[];
  /** Why the listing stopped early, if it did. */
  partial?: string;
}

function kindOfTarType(type: Headers['type']): FileKind {
  switch (type) {
    case 'file':
    case 'contiguous-file':
    case 'link':
      return 'file';
    case 'directory':
      return 'dir';
    case 'symlink':
      return 'symlink';
    default:
      return 'other';
  }
}

const mib = (n: number): string => `${Math.round(n / (1024 * 1024))} MB`;

/**
 * The direct children of the directory an archive-API tar was made of. The tar holds the whole
 * subtree (depth first, contents included), so reading stops at the limits and the listing says
 * it is partial. The first entry is the directory itself; its name is the prefix of all others.
 */
export function listTarChildren(source: Readable, limits: ArchiveListLimits): Promise<ArchiveListing> {
  return new Promise((resolve, reject) => {
    const extract = tarExtract();
    const entries: FileEntry[] = [];
    let rootPrefix: string | undefined;
    let read = 0;
    let settled = false;
    const finish = (partial?: string): void => {
      if (settled) return;
      settled = true;
      source.unpipe(extract);
      source.destroy();
      extract.destroy();
      resolve(partial === undefined ? { entries } : { entries, partial });
    };
    const fail = (err: unknown): void => {
      if (settled) return;
      settled = true;
      source.destroy();
      extract.destroy();
      reject(err instanceof Error ? err : new Error(String(err)));
    };
    source.on('data', (chunk: Buffer) => {
      read += chunk.byteLength;
      if (read > limits.maxBytes) {
        finish(
          `Stopped after reading ${mib(limits.maxBytes)} of the folder's archive (the engine sends every file below it); entries after that are missing.`,
        );
      }
    });
    source.on('error', fail);
    extract.on('entry', (header, stream, next) => {
      stream.on('end', next);
      stream.resume();
      if (rootPrefix === undefined) {
        rootPrefix = header.name.endsWith('/') ? header.name : `${header.name}/`;
        return;
      }
      if (!header.name.startsWith(rootPrefix)) return;
      const rel = header.name.slice(rootPrefix.length).replace(/\/$/, '');
      if (rel === '' || rel.includes('/')) return;
      if (entries.length >= limits.maxEntries) {
        finish(`Showing the first ${limits.maxEntries} entries only.`);
        return;
      }
      const kind = kindOfTarType(header.type);
      entries.push({
        name: rel,
        kind,
        size: header.size ?? 0,
        mode: (header.mode ?? 0) & 0o7777,
        mtime: header.mtime ? header.mtime.getTime() : null,
        ...(kind === 'symlink' ? { linkTarget: header.linkname ?? '' } : {}),
      });
    });
    extract.on('finish', () => finish());
    extract.on('error', fail);
    source.pipe(extract);
  });
}
