import type { ActivityEntry } from './activity-store.js';
import { failureInWords } from './outcome-words.js';

export interface OutcomeView {
  /** The CSS modifier: green for ok, red for error, grey for cancelled, amber while running. */
  tone: 'running' | 'ok' | 'error' | 'cancelled';
  text: string;
  title?: string;
}

function duration(entry: ActivityEntry): string {
  if (entry.finishedAt === undefined) return '';
  const ms = entry.finishedAt - entry.startedAt;
  return ms < 1000 ? ` · ${ms} ms` : ` · ${(ms / 1000).toFixed(1)} s`;
}

/**
 * How an activity entry's result reads in the strip and the history; a cancelled action is neither a
 * success (✓) nor a failure (✗); a failure is said in words, with the engine's own message as the title.
 */
export function outcomeView(entry: ActivityEntry): OutcomeView {
  switch (entry.outcome) {
    case 'running':
      return { tone: 'running', text: 'running…' };
    case 'cancelled':
      return { tone: 'cancelled', text: `cancelled${duration(entry)}` };
    case 'ok':
      return { tone: 'ok', text: `✓ ${entry.detail ?? 'done'}${duration(entry)}` };
    case 'error':
      return {
        tone: 'error',
        text: `✗ ${failureInWords(entry.errorCode, entry.detail)}`,
        ...(entry.detail !== undefined ? { title: entry.detail } : {}),
      };
  }
}
