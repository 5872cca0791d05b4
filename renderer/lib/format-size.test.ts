import { describe, expect, it } from 'vitest';
import { formatSize } from './format-size.js';

describe('formatSize', () => {
  it('prints bytes like docker images does', () => {
    expect(formatSize(0)).toBe('0B');
    expect(formatSize(999)).toBe('999B');
    expect(formatSize(1000)).toBe('1kB');
    expect(formatSize(861_000)).toBe('861kB');
    expect(formatSize(7_049_000)).toBe('7.05MB');
    expect(formatSize(1_990_000)).toBe('1.99MB');
    expect(formatSize(128_000_000)).toBe('128MB');
    expect(formatSize(1_240_000_000)).toBe('1.24GB');
  });

  it('carries into the next unit when rounding reaches 1000', () => {
    expect(formatSize(999_960)).toBe('1MB');
  });

  it('does not print nonsense for bad input', () => {
    expect(formatSize(-1)).toBe('—');
    expect(formatSize(Number.NaN)).toBe('—');
  });
});
