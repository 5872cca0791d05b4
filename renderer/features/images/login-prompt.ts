import type { ErrorCode } from '../../../shared/errors.js';
import { parseImageReference } from '../../../shared/image-types.js';

/**
 * The registry to offer "Log in to …" for, when a pull or push failed because the registry wants
 * credentials or refused them (UNAUTHORIZED); null for any other failure.
 */
export function loginRegistryFor(failure: { code: ErrorCode } | null, reference: string): string | null {
  if (failure?.code !== 'UNAUTHORIZED') return null;
  const parsed = parseImageReference(reference);
  if (!parsed.ok) return null;
  return parsed.parts.registry ?? 'docker.io';
}
