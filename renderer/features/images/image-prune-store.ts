import { formatSize } from '../../lib/format-size.js';
import { createPruneStore, type PruneState, type PruneStore } from '../../lib/prune-store.js';
import type { ActionRunner } from '../activity/action-runner.js';
import type { PrunePreview, PruneResult } from './image-tool-types.js';

export type ImagePruneState = PruneState<PrunePreview, PruneResult>;
export type ImagePruneStore = PruneStore<PrunePreview, PruneResult>;

/** Prune dangling images: the preview first, then `docker image prune` once confirmed. */
export function createImagePruneStore(run: ActionRunner): ImagePruneStore {
  return createPruneStore({
    preview: () =>
      run('images.prunePreview', {}, { quiet: true, describe: (p) => `${p.images.length} dangling · ${formatSize(p.spaceReclaimable)}` }),
    prune: () =>
      run('images.prune', {}, { quiet: true, describe: (r) => `${r.deleted.length} deleted · ${formatSize(r.spaceReclaimed)} reclaimed` }),
  });
}
