import { describe, expect, it } from 'vitest';
import { appPageUrl, desktopContentSecurityPolicy, isAppPageUrl } from './app-page.js';

describe('isAppPageUrl', () => {
  it('is app://berth/index.html, with or without query and fragment', () => {
    expect(appPageUrl).toBe('app://berth/index.html');
    expect(isAppPageUrl(appPageUrl)).toBe(true);
    expect(isAppPageUrl(`${appPageUrl}#/images`)).toBe(true);
    expect(isAppPageUrl(`${appPageUrl}?x=1`)).toBe(true);
    expect(isAppPageUrl('app://berth/%69ndex.html')).toBe(true);
  });

  it('refuses everything else, file:// included', () => {
    for (const url of [
      undefined,
      '',
      'not a url',
      'https://evil.example/index.html',
      'https://berth/index.html',
      'app://berth/index.html.evil',
      'app://berth/other.html',
      'app://berth/',
      'app://evil/index.html',
      'app://berth.evil/index.html',
      'app://berth:8080/index.html',
      'app://user@berth/index.html',
      'app://berth/index.html%00',
      'file:///opt/berth/dist/renderer/index.html',
      'file://berth/index.html',
      'about:blank',
      'blob:app://berth/5a0e',
      'devtools://devtools/bundled/index.html',
    ]) {
      expect(isAppPageUrl(url), String(url)).toBe(false);
    }
  });
});

describe('desktopContentSecurityPolicy', () => {
  const directives = new Map(
    desktopContentSecurityPolicy.split(';').map((d) => {
      const [name = '', ...values] = d.trim().split(/\s+/);
      return [name, values.join(' ')] as const;
    }),
  );

  it('allows scripts from the app only, no network, no plugins, and is never framed', () => {
    expect(directives.get('default-src')).toBe("'self'");
    expect(directives.get('script-src')).toBe("'self'");
    expect(directives.get('connect-src')).toBe("'none'");
    expect(directives.get('object-src')).toBe("'none'");
    expect(directives.get('base-uri')).toBe("'none'");
    expect(directives.get('frame-ancestors')).toBe("'none'");
    expect(directives.get('form-action')).toBe("'none'");
    expect(desktopContentSecurityPolicy).not.toMatch(/unsafe-eval|\*|https?:|ws:|file:/);
  });
});
