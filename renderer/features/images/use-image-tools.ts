import { useStores } from '../../app/stores-context.js';
import type { ImageTools } from './image-tools-stores.js';

/** The image tools (pull/push/build/prune/accounts/detail stores), built once by createAppStores. */
export function useImageTools(): ImageTools {
  return useStores().imageTools;
}
