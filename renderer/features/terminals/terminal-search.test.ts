import { describe, expect, it } from 'vitest';
import { closedSearch, describeResults, fontSizes, nextFontSize, searchError } from './terminal-search.js';

describe('terminal search state', () => {
  it('describes results as the user reads them', () => {
    expect(describeResults({ ...closedSearch, query: '' })).toBe('');
    expect(describeResults({ ...closedSearch, query: 'x', resultCount: 0 })).toBe('No results');
    expect(describeResults({ ...closedSearch, query: 'x', resultIndex: 2, resultCount: 12 })).toBe('3 of 12');
    expect(describeResults({ ...closedSearch, query: 'x', resultIndex: -1, resultCount: 1000 })).toBe('1000+ results');
  });

  it('reports an invalid regular expression instead of searching', () => {
    expect(searchError({ query: '(', regex: true })).toMatch(/regular expression/);
    expect(searchError({ query: '(', regex: false })).toBeNull();
    expect(describeResults({ ...closedSearch, query: '[', regex: true, resultCount: 3 })).toMatch(/regular expression/);
  });

  it('steps the font size within bounds and resets it', () => {
    expect(nextFontSize(13, 1)).toBe(14);
    expect(nextFontSize(fontSizes.max, 1)).toBe(fontSizes.max);
    expect(nextFontSize(fontSizes.min, -1)).toBe(fontSizes.min);
    expect(nextFontSize(20, 0)).toBe(fontSizes.initial);
  });
});
