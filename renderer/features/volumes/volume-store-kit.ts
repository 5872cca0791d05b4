import type { VolumeRemoval } from '../../../shared/volume-types.js';
import { plural } from '../../lib/plural.js';

/** How the activity strip sums up a removal of several volumes: removed, and a failure when some were not. */
export const removalReport = {
  describe: (r: readonly VolumeRemoval[]): string => `${plural(r.filter((x) => x.removed).length, 'volume')} removed`,
  failedIf: (r: readonly VolumeRemoval[]): string | undefined => {
    const kept = r.filter((x) => !x.removed).length;
    return kept > 0 ? `${plural(kept, 'volume')} not removed` : undefined;
  },
};
