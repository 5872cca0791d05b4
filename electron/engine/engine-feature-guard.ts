import { featureUnavailableReason, type EngineFeatureName } from '../../shared/engine-features.js';
import { BerthError } from '../../shared/errors.js';

/**
 * Refuses a request that needs `feature` when the engine speaks an older API (`apiVersion`, as
 * negotiated), naming both versions. An older engine silently ignores fields it does not know (a
 * GPU request runs the container without the GPU), so the UI's disabled control is not enough: a
 * raw client or an old tab must get this error, not a silent no-op. `field` points the error at
 * the form field that asked for it. An unknown version is let through (the engine decides).
 */
export function requireEngineFeature(feature: EngineFeatureName, apiVersion: string | undefined, field?: string): void {
  const reason = featureUnavailableReason(feature, apiVersion);
  if (reason === undefined) return;
  throw new BerthError({ code: 'BAD_REQUEST', message: reason, ...(field ? { path: [field] } : {}) });
}
