import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isLoopbackHostname, isWildcardHostname, parseHostHeader } from './host-names.js';
import { createGuardConfig, isAllowedHost, isOwnOrigin, tokenMatches } from './request-guard.js';
import { resolveRequestPath } from './static-files.js';

describe('host names', () => {
  it('parses Host headers strictly', () => {
    expect(parseHostHeader('127.0.0.1:7420')).toEqual({ hostname: '127.0.0.1', port: 7420 });
    expect(parseHostHeader('[::1]:7420')).toEqual({ hostname: '::1', port: 7420 });
    expect(parseHostHeader('LocalHost')).toEqual({ hostname: 'localhost', port: undefined });
    for (const bad of [undefined, '', 'evil@127.0.0.1:7420', '127.0.0.1:7420/x', 'a b', '127.0.0.1:99999', '[zz]:1']) {
      expect(parseHostHeader(bad)).toBeUndefined();
    }
  });

  it('tells loopback and wildcard addresses', () => {
    expect(['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]'].every(isLoopbackHostname)).toBe(true);
    expect(['0.0.0.0', '192.168.1.2', 'example.com', '::'].some(isLoopbackHostname)).toBe(false);
    expect(['0.0.0.0', '::', '[::]'].every(isWildcardHostname)).toBe(true);
  });
});

describe('request guard', () => {
  const guard = createGuardConfig(7420, 'secret-token', ['192.168.1.20', '[FE80::1]']);

  it('allows loopback and configured names on our port only', () => {
    for (const ok of ['127.0.0.1:7420', 'localhost:7420', '[::1]:7420', '192.168.1.20:7420', '[fe80::1]:7420']) {
      expect(isAllowedHost(ok, guard)).toBe(true);
    }
    for (const bad of ['evil.example:7420', '127.0.0.1:7421', '127.0.0.1', '127.0.0.2:7420', 'localhost.evil.example:7420', undefined]) {
      expect(isAllowedHost(bad, guard)).toBe(false);
    }
  });

  it('accepts a Host without port only on port 80', () => {
    expect(isAllowedHost('localhost', createGuardConfig(80, 't'))).toBe(true);
  });

  it('accepts only the Origin of the requested Host', () => {
    expect(isOwnOrigin('http://127.0.0.1:7420', '127.0.0.1:7420')).toBe(true);
    expect(isOwnOrigin('http://localhost:7420', '127.0.0.1:7420')).toBe(false);
    expect(isOwnOrigin('null', '127.0.0.1:7420')).toBe(false);
    expect(isOwnOrigin(undefined, '127.0.0.1:7420')).toBe(false);
  });

  it('compares tokens exactly', () => {
    expect(tokenMatches('secret-token', 'secret-token')).toBe(true);
    expect(tokenMatches('secret-toke', 'secret-token')).toBe(false);
    expect(tokenMatches('', 'secret-token')).toBe(false);
    expect(tokenMatches(null, 'secret-token')).toBe(false);
  });
});

describe('resolveRequestPath', () => {
  const root = path.resolve('/srv/berth');

  it('maps / to index.html and other paths under root', () => {
    expect(resolveRequestPath(root, '/?token=x')).toEqual({ ok: true, file: path.join(root, 'index.html') });
    expect(resolveRequestPath(root, '/assets/a%20b.js#x')).toEqual({ ok: true, file: path.join(root, 'assets', 'a b.js') });
  });

  it('refuses traversal, bad encodings and NUL bytes', () => {
    expect(resolveRequestPath(root, '/../etc/passwd')).toEqual({ ok: false, status: 403 });
    expect(resolveRequestPath(root, '/a/..%2F..%2Fetc')).toEqual({ ok: false, status: 403 });
    expect(resolveRequestPath(root, '/%E0%A4%A')).toEqual({ ok: false, status: 400 });
    expect(resolveRequestPath(root, '/index.html%00.js')).toEqual({ ok: false, status: 400 });
  });
});
