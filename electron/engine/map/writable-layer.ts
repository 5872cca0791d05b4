import type { FilesystemChange } from '../../../shared/container-detail-types.js';
import type { WritableLayer } from '../../../shared/engine-map-types.js';

/**
 * `docker diff` lists every folder above a changed file too (C /etc, A /etc/app, A /etc/app/x):
 * the files say the most in a thin strip, so entries nothing else lies under come first, each
 * group in the engine's order; then the first `limit` are kept.
 */
export function summariseChanges(changes: readonly FilesystemChange[], limit: number): WritableLayer {
  const parents = new Set<string>();
  for (const { path } of changes) {
    for (let at = path.lastIndexOf('/'); at > 0; at = path.lastIndexOf('/', at - 1)) parents.add(path.slice(0, at));
  }
  const leaves = changes.filter((c) => !parents.has(c.path));
  const folders = changes.filter((c) => parents.has(c.path));
  return { changes: [...leaves, ...folders].slice(0, limit), total: changes.length };
}
