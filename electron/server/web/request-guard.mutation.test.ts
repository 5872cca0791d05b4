// Edge cases of the request guard and host-name helpers, written so that `npm run test:mutate`
// finds each comparison, trim and bound missing (request-guard.test.ts covers the main cases).
import { describe, expect, it } from 'vitest';
import { hostForUrl, isLoopbackHostname, isWildcardHostname, normalizeHostname, parseHostHeader } from './host-names.js';
import { createGuardConfig, isAllowedHost, isOwnOrigin, tokenMatches } from './request-guard.js';

describe('parseHostHeader edges', () => {
  it('trims and lower-cases before matching', () => {
    expect(parseHostHeader('  LOCALHOST:7420 ')).toEqual({ hostname: 'localhost', port: 7420 });
    expect(parseHostHeader('[::1]')).toEqual({ hostname: '::1', port: undefined });
  });

  it('takes ports up to 65535 and no further', () => {
    expect(parseHostHeader('127.0.0.1:65535')).toEqual({ hostname: '127.0.0.1', port: 65535 });
    expect(parseHostHeader('127.0.0.1:0')).toEqual({ hostname: '127.0.0.1', port: 0 });
    expect(parseHostHeader('127.0.0.1:65536')).toBeUndefined();
  });
});

describe('host name helpers', () => {
  it('normalizes only a fully bracketed IPv6 literal', () => {
    expect(normalizeHostname(' [FE80::1] ')).toBe('fe80::1');
    expect(normalizeHostname('[fe80::1')).toBe('[fe80::1');
    expect(normalizeHostname('fe80::1]')).toBe('fe80::1]');
    expect(normalizeHostname('Example.COM')).toBe('example.com');
  });

  it('knows every spelling of loopback, and nothing that merely contains one', () => {
    for (const name of [
      'localhost',
      ' LocalHost ',
      '::1',
      '0:0:0:0:0:0:0:1',
      '[0:0:0:0:0:0:0:1]',
      '127.0.0.1',
      '127.10.0.1',
      '127.0.10.1',
      '127.0.0.10',
      '127.255.255.254',
    ]) {
      expect(isLoopbackHostname(name), name).toBe(true);
    }
    for (const name of [
      'x127.0.0.1',
      '127.0.0.1.evil.example',
      '127.0.0.1x',
      '128.0.0.1',
      '127.0.0',
      '127.1000.0.1',
      'localhost.evil.example',
      '::2',
      '0.0.0.0',
      '',
    ]) {
      expect(isLoopbackHostname(name), name).toBe(false);
    }
  });

  it('knows the any-address binds and no other', () => {
    for (const name of ['0.0.0.0', '::', '[::]', '0:0:0:0:0:0:0:0', '[0:0:0:0:0:0:0:0]']) expect(isWildcardHostname(name), name).toBe(true);
    for (const name of ['127.0.0.1', '::1', '0.0.0.1', '192.168.1.20', 'localhost', '']) expect(isWildcardHostname(name), name).toBe(false);
  });

  it('brackets IPv6 literals for a URL, and only those', () => {
    expect(hostForUrl('::1')).toBe('[::1]');
    expect(hostForUrl('[::1]')).toBe('[::1]');
    expect(hostForUrl('FE80::1')).toBe('[fe80::1]');
    expect(hostForUrl('127.0.0.1')).toBe('127.0.0.1');
    expect(hostForUrl('berth.local')).toBe('berth.local');
  });
});

describe('request guard edges', () => {
  it('allows no extra host names unless given', () => {
    expect(createGuardConfig(7420, 't').allowedHosts.size).toBe(0);
    expect(isAllowedHost('192.168.1.20:7420', createGuardConfig(7420, 't'))).toBe(false);
    expect(isAllowedHost('192.168.1.20:7420', createGuardConfig(7420, 't', [' 192.168.1.20 ']))).toBe(true);
  });

  it('refuses an Origin check without a Host, and compares trimmed, case-insensitively', () => {
    expect(isOwnOrigin('http://127.0.0.1:7420', undefined)).toBe(false);
    expect(isOwnOrigin(' HTTP://LOCALHOST:7420 ', 'localhost:7420')).toBe(true);
    expect(isOwnOrigin('http://localhost:7420', ' LocalHost:7420 ')).toBe(true);
    expect(isOwnOrigin('https://localhost:7420', 'localhost:7420')).toBe(false);
    expect(isOwnOrigin('http://localhost:7420/', 'localhost:7420')).toBe(false);
  });

  it('never matches an empty or missing token, even against an empty secret', () => {
    expect(tokenMatches('', '')).toBe(false);
    expect(tokenMatches(undefined, '')).toBe(false);
    expect(tokenMatches(null, 'secret-token')).toBe(false);
    expect(tokenMatches('tökén-ü', 'tökén-ü')).toBe(true);
    expect(tokenMatches('tökén-u', 'tökén-ü')).toBe(false);
  });
});
