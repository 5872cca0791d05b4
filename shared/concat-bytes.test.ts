import { describe, expect, it } from 'vitest';
import { concatBytes } from './concat-bytes.js';

describe('concatBytes', () => {
  it('joins chunks in order, with or without their total given', () => {
    const chunks = [new Uint8Array([1, 2]), new Uint8Array([]), new Uint8Array([3])];
    expect([...concatBytes(chunks)]).toEqual([1, 2, 3]);
    expect([...concatBytes(chunks, 3)]).toEqual([1, 2, 3]);
    expect(concatBytes([])).toHaveLength(0);
  });
});
