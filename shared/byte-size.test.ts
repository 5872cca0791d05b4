import { describe, expect, it } from 'vitest';
import { formatByteSize, parseByteSize } from './byte-size.js';

describe('byte sizes as docker run takes them', () => {
  it('reads units k, m, g, t, p in powers of 1024, any case, with an optional b or ib', () => {
    expect(parseByteSize('512')).toBe(512);
    expect(parseByteSize('4k')).toBe(4096);
    expect(parseByteSize('64m')).toBe(64 * 1024 ** 2);
    expect(parseByteSize('64M')).toBe(64 * 1024 ** 2);
    expect(parseByteSize('64MB')).toBe(64 * 1024 ** 2);
    expect(parseByteSize('2GiB')).toBe(2 * 1024 ** 3);
    expect(parseByteSize('2 g')).toBe(2 * 1024 ** 3);
    expect(parseByteSize('1t')).toBe(1024 ** 4);
    expect(parseByteSize('1.5g')).toBe(1.5 * 1024 ** 3);
    expect(parseByteSize('100b')).toBe(100);
    expect(parseByteSize(' 8m ')).toBe(8 * 1024 ** 2);
  });

  it('drops fractions of a byte, as the CLI does', () => {
    expect(parseByteSize('0.1k')).toBe(102);
  });

  it('refuses what is not a size', () => {
    for (const bad of ['', 'm', '12x', '-1', '1.2.3g', '1e6', 'one', '5mm', '0x10', '.5g', '99999999p'])
      expect(parseByteSize(bad)).toBeUndefined();
  });

  it('writes the shortest exact unit', () => {
    expect(formatByteSize(64 * 1024 ** 2)).toBe('64m');
    expect(formatByteSize(1024 ** 3)).toBe('1g');
    expect(formatByteSize(1.5 * 1024 ** 3)).toBe('1536m');
    expect(formatByteSize(4096)).toBe('4k');
    expect(formatByteSize(1000)).toBe('1000');
    expect(formatByteSize(0)).toBe('0');
    for (const n of [1, 1023, 1025, 6 * 1024 ** 2, 123_456_789, 3 * 1024 ** 4, 2 * 1024 ** 5])
      expect(parseByteSize(formatByteSize(n))).toBe(n);
  });
});
