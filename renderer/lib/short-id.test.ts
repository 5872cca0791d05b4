import { describe, expect, it } from 'vitest';
import { shortId } from './short-id.js';

describe('shortId', () => {
  it('drops the digest algorithm and keeps 12 hex characters', () => {
    expect(shortId('sha256:ea7643678629b4c5e0f3c1b2a3d4e5f60718293a4b5c6d7e8f9012345678abcd')).toBe('ea7643678629');
    expect(shortId('0123456789abcdef0123')).toBe('0123456789ab');
    expect(shortId('abc')).toBe('abc');
  });
});
