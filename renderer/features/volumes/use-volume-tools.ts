import { useStores, type ViewStores } from '../../app/stores-context.js';
import { createVolumeTools, type VolumeTools } from './volume-tools-store.js';

const toolsByStores = new WeakMap<ViewStores, VolumeTools>();

/** The volume tools (create, remove, prune, sizes, selection), made once per app store set. */
export function volumeToolsFor(stores: ViewStores): VolumeTools {
  let tools = toolsByStores.get(stores);
  if (!tools) {
    tools = createVolumeTools(stores.run, () => stores.volumes.requestRefresh());
    toolsByStores.set(stores, tools);
  }
  return tools;
}

export function useVolumeTools(): VolumeTools {
  return volumeToolsFor(useStores());
}
