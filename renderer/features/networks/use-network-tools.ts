import { useStores } from '../../app/stores-context.js';
import type { NetworkTools } from './network-tools.js';

/** The network view's stores (create, actions, prune, selection, detail), built once by createAppStores. */
export function useNetworkTools(): NetworkTools {
  return useStores().networkTools;
}
