import { isBerthError } from '../../../shared/errors.js';

/** What to show for a failed call: the server's or engine's message. */
export function messageOf(error: unknown): string {
  return isBerthError(error) || error instanceof Error ? error.message : String(error);
}
