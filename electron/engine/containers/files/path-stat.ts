import type { FileKind } from '../../../../shared/files-types.js';
import { entryKindOfGoMode, permissionsOfGoMode } from './file-modes.js';

/** One path's stat as the engine reports it on `HEAD /containers/{id}/archive` (base64 JSON in a header). */
export interface PathStat {
  name: string;
  kind: FileKind;
  size: number;
  mode: number;
  mtime: number | null;
  linkTarget: string;
}

export const pathStatHeader = 'x-docker-container-path-stat';

export function decodePathStat(header: string | string[] | undefined): PathStat | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) return undefined;
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.from(value, 'base64').toString('utf8'));
  } catch {
    return undefined;
  }
  if (typeof raw !== 'object' || raw === null) return undefined;
  const r = raw as { name?: unknown; size?: unknown; mode?: unknown; mtime?: unknown; linkTarget?: unknown };
  if (typeof r.name !== 'string' || typeof r.mode !== 'number') return undefined;
  const mtime = typeof r.mtime === 'string' ? Date.parse(r.mtime) : Number.NaN;
  return {
    name: r.name,
    kind: entryKindOfGoMode(r.mode),
    size: typeof r.size === 'number' ? r.size : 0,
    mode: permissionsOfGoMode(r.mode),
    mtime: Number.isFinite(mtime) ? mtime : null,
    linkTarget: typeof r.linkTarget === 'string' ? r.linkTarget : '',
  };
}
