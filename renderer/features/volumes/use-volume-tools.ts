import { useStores } from '../../app/stores-context.js';
import type { VolumeTools } from './volume-tools-store.js';

/** The volume tools (create, remove, prune, sizes, selection, detail), built once by createAppStores. */
export function useVolumeTools(): VolumeTools {
  return useStores().volumeTools;
}
