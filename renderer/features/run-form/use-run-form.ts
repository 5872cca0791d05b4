import { useStores } from '../../app/stores-context.js';
import type { RunFormStore } from './run-form-store.js';

/** The one run form (built by createAppStores): the containers and images views share it. */
export function useRunForm(): RunFormStore {
  return useStores().runForm;
}
