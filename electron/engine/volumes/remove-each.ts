import { BerthError } from '../../../shared/errors.js';
import type { VolumeNotRemoved, VolumeRemoval } from '../../../shared/volume-types.js';
import { toRpcError } from '../to-rpc-error.js';

/**
 * Removes volumes one at a time and reports each. `attempt` removes one (or decides to skip it)
 * and throws what the engine threw. An engine refusal is that volume's outcome and the next one
 * goes on. Once the connection to the engine is lost, nothing more is tried: what was removed
 * so far is still reported, the volume in flight is marked `failed` (Berth cannot tell whether it
 * went), and the rest `not-attempted`, each with the reason.
 */
export async function removeEach(
  names: readonly string[],
  attempt: (name: string) => Promise<VolumeRemoval>,
  stillConnected: () => boolean,
): Promise<VolumeRemoval[]> {
  const results: VolumeRemoval[] = [];
  let lost: string | null = null;
  for (const name of new Set(names)) {
    if (lost !== null) {
      results.push({
        name,
        removed: false,
        reason: 'not-attempted',
        code: 'ENGINE_UNAVAILABLE',
        error: `Not attempted: the connection to the engine was lost first (${lost}).`,
      });
      continue;
    }
    try {
      results.push(await attempt(name));
    } catch (err) {
      const e = toRpcError(err);
      if (e.code !== 'ENGINE_UNAVAILABLE' && stillConnected()) {
        results.push({ name, removed: false, reason: 'refused', code: e.code, error: e.message });
        continue;
      }
      lost = e.message;
      results.push(lostDuring(name, err, e.message));
    }
  }
  return results;
}

function lostDuring(name: string, err: unknown, why: string): VolumeNotRemoved {
  // Berth's own ENGINE_UNAVAILABLE is thrown before any request is sent.
  if (err instanceof BerthError)
    return { name, removed: false, reason: 'not-attempted', code: 'ENGINE_UNAVAILABLE', error: `Not attempted: ${why}.` };
  return {
    name,
    removed: false,
    reason: 'failed',
    code: 'ENGINE_UNAVAILABLE',
    error: `The connection to the engine was lost while removing it (${why}): it may or may not be gone; look again once reconnected.`,
  };
}
