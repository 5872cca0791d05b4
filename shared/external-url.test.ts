import { describe, expect, it } from 'vitest';
import { checkExternalUrl, maxExternalUrlLength } from './external-url.js';

const problem = (raw: unknown): string | undefined => {
  const check = checkExternalUrl(raw);
  return check.ok ? undefined : check.problem;
};

describe('checkExternalUrl', () => {
  it('accepts http, https and mailto links and returns the normalised URL', () => {
    expect(checkExternalUrl('https://example.com/a/b?q=1#frag')).toEqual({ ok: true, url: 'https://example.com/a/b?q=1#frag' });
    expect(checkExternalUrl('http://127.0.0.1:8080')).toEqual({ ok: true, url: 'http://127.0.0.1:8080/' });
    expect(checkExternalUrl('HTTPS://Example.COM/x')).toEqual({ ok: true, url: 'https://example.com/x' });
    expect(checkExternalUrl('mailto:robots@example.com')).toEqual({ ok: true, url: 'mailto:robots@example.com' });
    expect(checkExternalUrl('https://xn--bcher-kva.example/')).toMatchObject({ ok: true });
  });

  it('refuses script, file, data and custom schemes', () => {
    for (const raw of [
      'javascript:alert(1)',
      'JavaScript:alert(document.cookie)',
      'file:///etc/passwd',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:msgbox(1)',
      'blob:https://example.com/uuid',
      'ftp://example.com/file',
      'ms-settings:display',
      'steam://run/1',
      'vscode://file/etc/passwd',
      'smb://attacker.example/share',
      'chrome://settings',
    ]) {
      expect(problem(raw), raw).toMatch(/only http, https and mailto/);
    }
  });

  it('refuses very long links, also when normalising makes them long', () => {
    const long = `https://example.com/${'a'.repeat(maxExternalUrlLength)}`;
    expect(problem(long)).toMatch(/longer than 2048/);
    // Each é becomes six characters of percent-encoding (%C3%A9).
    const growing = `https://example.com/${'é'.repeat(400)}`;
    expect(growing.length).toBeLessThan(maxExternalUrlLength);
    expect(problem(growing)).toMatch(/longer than 2048/);
    expect(checkExternalUrl(`https://example.com/${'a'.repeat(1000)}`)).toMatchObject({ ok: true });
  });

  it('refuses what is not a URL, or not a string at all', () => {
    expect(problem('not a url')).toMatch(/spaces/);
    expect(problem('example.com/path')).toMatch(/not a complete URL/);
    expect(problem('')).toMatch(/no link/);
    expect(problem(undefined)).toMatch(/no link/);
    expect(problem(42)).toMatch(/no link/);
    expect(problem({ href: 'https://example.com' })).toMatch(/no link/);
    expect(problem('http://')).toMatch(/not a complete URL|no host/);
    expect(problem('mailto:')).toMatch(/no address/);
  });

  it('refuses control characters and whitespace the parser would drop silently', () => {
    expect(problem('java\tscript:alert(1)')).toMatch(/control characters/);
    expect(problem('https://example.com/\nSet-Cookie')).toMatch(/control characters/);
    expect(problem('https://example.com/\u0000')).toMatch(/control characters/);
    expect(problem(' https://example.com/')).toMatch(/spaces/);
    expect(problem('https://example.com/\u2028')).toMatch(/spaces/);
  });

  it('refuses a user name or password before the host, which hides where the link goes', () => {
    expect(problem('https://bank.example@evil.example/')).toMatch(/user name or password/);
    expect(problem('http://user:pass@example.com/')).toMatch(/user name or password/);
  });
});
