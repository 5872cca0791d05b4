import { useStore } from 'zustand';
import { featureUnavailableReason, type EngineFeatureName } from '../../../shared/engine-features.js';
import { useStores } from '../../app/stores-context.js';

/** Why `feature` is off on the current engine (its API is too old), or undefined when it is available. */
export function useEngineFeatureOff(feature: EngineFeatureName): string | undefined {
  const { connection } = useStores();
  const apiVersion = useStore(connection, (s) => s.status?.apiVersion);
  return featureUnavailableReason(feature, apiVersion);
}
