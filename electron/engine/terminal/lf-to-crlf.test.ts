import { describe, expect, it } from 'vitest';
import { LfToCrlf } from './lf-to-crlf.js';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const dec = (b: Uint8Array): string => new TextDecoder().decode(b);

describe('LfToCrlf', () => {
  it('turns bare LF into CR LF and leaves CR LF alone', () => {
    expect(dec(new LfToCrlf().convert(enc('a\nb\r\nc\n')))).toBe('a\r\nb\r\nc\r\n');
  });

  it('does not double a CR LF cut between two chunks', () => {
    const conv = new LfToCrlf();
    expect(dec(conv.convert(enc('a\r'))) + dec(conv.convert(enc('\nb\n')))).toBe('a\r\nb\r\n');
  });
});
