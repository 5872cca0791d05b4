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

/** The same for a build whose FROM line could not pull its base image (`FROM [--platform=…] image [AS name]`). */
export function loginRegistryForBuild(failure: { code: ErrorCode } | null, instruction: string | null): string | null {
  if (!instruction || !/^FROM\s/i.test(instruction)) return null;
  const image = instruction
    .split(/\s+/)
    .slice(1)
    .find((word) => !word.startsWith('--'));
  return image ? loginRegistryFor(failure, image) : null;
}
