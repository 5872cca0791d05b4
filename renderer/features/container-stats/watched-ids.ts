import type { ContainerSummary } from '../../../shared/engine-types.js';
import { maxWatchedContainers } from '../../../shared/stats-watch-contract.js';

/** A row on screen, as the stats column needs it; its object identity says whether the container changed. */
export type ShownContainer = Pick<ContainerSummary, 'id' | 'state'>;

/**
 * The containers to stream stats for: the running ones on screen, in screen order, at most as many
 * as one watch may follow. A container whose stats ended (it stopped, or was refused) is left out
 * while its row is the same object: the list gives a changed container a new row, which asks again.
 */
export function watchedIds(shown: readonly ShownContainer[], endedRows: ReadonlyMap<string, ShownContainer>): string[] {
  const ids: string[] = [];
  const seen = new Set<string>();
  for (const row of shown) {
    if (row.state !== 'running' || seen.has(row.id) || endedRows.get(row.id) === row) continue;
    seen.add(row.id);
    ids.push(row.id);
    if (ids.length === maxWatchedContainers) break;
  }
  return ids;
}

/** Same members, whatever the order (the server treats the set as a set). */
export function sameIds(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  const set = new Set(a);
  return b.every((id) => set.has(id));
}
