import { outcomeView } from './activity-outcome.js';
import type { ActivityEntry } from './activity-store.js';

export interface HistoryQuery {
  /** Words to find in the command, its outcome or the engine's message (case-insensitive, all must match). */
  text: string;
  /** Also list Berth's own background reads. */
  background: boolean;
  /** Only failures. */
  failedOnly: boolean;
}

/** The history panel's rows, newest first. */
export function historyRows(entries: readonly ActivityEntry[], query: HistoryQuery): ActivityEntry[] {
  const words = query.text.toLowerCase().split(/\s+/).filter(Boolean);
  const rows: ActivityEntry[] = [];
  for (let i = entries.length - 1; i >= 0; i--) {
    const e = entries[i]!;
    if (e.background && !query.background) continue;
    if (query.failedOnly && e.outcome !== 'error') continue;
    if (words.length > 0) {
      const haystack = `${e.command}\n${outcomeView(e).text}\n${e.detail ?? ''}`.toLowerCase();
      if (!words.every((w) => haystack.includes(w))) continue;
    }
    rows.push(e);
  }
  return rows;
}
