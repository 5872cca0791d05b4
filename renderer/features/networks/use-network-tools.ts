import { useStores, type ViewStores } from '../../app/stores-context.js';
import { createNetworkTools, type NetworkTools } from './network-tools.js';

const toolsByStores = new WeakMap<ViewStores, NetworkTools>();

/** The network view's stores (create, actions, prune, selection, detail), made once per app store set. */
export function networkToolsFor(stores: ViewStores): NetworkTools {
  let tools = toolsByStores.get(stores);
  if (!tools) {
    tools = createNetworkTools({ run: stores.run, networks: stores.networks });
    toolsByStores.set(stores, tools);
  }
  return tools;
}

export function useNetworkTools(): NetworkTools {
  return networkToolsFor(useStores());
}
