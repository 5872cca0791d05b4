import type { ActionRunner } from '../activity/action-runner.js';
import { createVolumeCreateStore, type CreateVolumeStore } from './volume-create-store.js';
import { createVolumeDetailStore, type VolumeDetailStore } from './volume-detail-store.js';
import { createVolumePruneStore, type VolumePruneStore } from './volume-prune-store.js';
import { createVolumeRemoveStore, type RemoveVolumesStore } from './volume-remove-store.js';
import { createRowSelectionStore, type RowSelectionStore } from '../../lib/row-selection-store.js';
import { createVolumeSizesStore, type VolumeSizesStore } from './volume-sizes-store.js';

/** The stores behind the Volumes view's tools, one per job (each in its own file). */
export interface VolumeTools {
  detail: VolumeDetailStore;
  create: CreateVolumeStore;
  remove: RemoveVolumesStore;
  prune: VolumePruneStore;
  sizes: VolumeSizesStore;
  selection: RowSelectionStore;
}

/** `onChanged`: ask the volume list to reload (events do it too; this makes the change show at once). */
export function createVolumeTools(run: ActionRunner, onChanged: () => void): VolumeTools {
  return {
    detail: createVolumeDetailStore(run),
    create: createVolumeCreateStore(run, onChanged),
    remove: createVolumeRemoveStore(run, onChanged),
    prune: createVolumePruneStore(run, onChanged),
    sizes: createVolumeSizesStore(run),
    selection: createRowSelectionStore(),
  };
}
