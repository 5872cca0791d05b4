/** The search bar of a terminal: what is typed, its switches, and the addon's last result count. */
export interface SearchState {
  open: boolean;
  query: string;
  caseSensitive: boolean;
  regex: boolean;
  /** -1 when there is no active match (or too many to count). */
  resultIndex: number;
  resultCount: number;
}

export const closedSearch: SearchState = { open: false, query: '', caseSensitive: false, regex: false, resultIndex: -1, resultCount: 0 };

/** Whether the query can be searched: empty never, an invalid regular expression not either. */
export function searchError(state: Pick<SearchState, 'query' | 'regex'>): string | null {
  if (!state.regex || state.query === '') return null;
  try {
    new RegExp(state.query);
    return null;
  } catch {
    return 'Not a valid regular expression';
  }
}

/** The result line under the search box, e.g. `3 of 12`. */
export function describeResults(state: SearchState): string {
  if (state.query === '') return '';
  const error = searchError(state);
  if (error) return error;
  if (state.resultCount === 0) return 'No results';
  if (state.resultIndex < 0) return `${state.resultCount}+ results`;
  return `${state.resultIndex + 1} of ${state.resultCount}`;
}

export const fontSizes = { min: 8, max: 32, initial: 13 } as const;

/** The next font size for Ctrl-= / Ctrl-- (0 resets), kept within bounds. */
export function nextFontSize(current: number, step: -1 | 0 | 1): number {
  if (step === 0) return fontSizes.initial;
  return Math.max(fontSizes.min, Math.min(fontSizes.max, current + step));
}
