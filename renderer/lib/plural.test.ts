import { describe, expect, it } from 'vitest';
import { plural } from './plural.js';

describe('plural', () => {
  it('uses the singular for exactly one, the plural otherwise (zero included)', () => {
    expect(plural(1, 'volume')).toBe('1 volume');
    expect(plural(0, 'volume')).toBe('0 volumes');
    expect(plural(2, 'unused network')).toBe('2 unused networks');
  });

  it('takes an irregular plural', () => {
    expect(plural(1, 'path changed', 'paths changed')).toBe('1 path changed');
    expect(plural(3, 'path changed', 'paths changed')).toBe('3 paths changed');
  });
});
