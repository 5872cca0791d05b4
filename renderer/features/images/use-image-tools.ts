import { useStores, type ViewStores } from '../../app/stores-context.js';
import { createImageTools, type ImageTools } from './image-tools-stores.js';

const toolsByStores = new WeakMap<ViewStores, ImageTools>();

/** The image tools (pull/push/build/prune/accounts/detail stores), made once per app store set. */
export function imageToolsFor(stores: ViewStores): ImageTools {
  let tools = toolsByStores.get(stores);
  if (!tools) {
    tools = createImageTools({ client: stores.client, run: stores.run, activity: stores.activity });
    const detail = tools.detail;
    // The pane follows the engine: a tag, a new container or a removal changes what it shows.
    stores.events.on(['image', 'container'], () => {
      if (detail.getState().selected) scheduleRefresh(detail.getState().refresh);
    });
    toolsByStores.set(stores, tools);
  }
  return tools;
}

let refreshTimer: ReturnType<typeof setTimeout> | null = null;
function scheduleRefresh(refresh: () => void): void {
  if (refreshTimer !== null) return;
  refreshTimer = setTimeout(() => {
    refreshTimer = null;
    refresh();
  }, 300);
}

export function useImageTools(): ImageTools {
  return imageToolsFor(useStores());
}
