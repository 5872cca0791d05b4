import { describe, expect, it } from 'vitest';
import { desktopContentSecurityPolicy, isAppPageUrl } from './app-page.js';

const appPage = 'file:///opt/Berth%20App/dist/renderer/index.html';

describe('isAppPageUrl', () => {
  it('accepts the app page, with or without query and fragment', () => {
    expect(isAppPageUrl(appPage, appPage)).toBe(true);
    expect(isAppPageUrl(`${appPage}#/images`, appPage)).toBe(true);
    expect(isAppPageUrl(`${appPage}?x=1`, appPage)).toBe(true);
    expect(isAppPageUrl('file:///opt/Berth App/dist/renderer/index.html', appPage)).toBe(true);
  });

  it('refuses everything else', () => {
    for (const url of [
      undefined,
      '',
      'not a url',
      'https://evil.example/index.html',
      'file:///opt/Berth%20App/dist/renderer/index.html.evil',
      'file:///opt/Berth%20App/dist/renderer/other.html',
      'file:///tmp/index.html',
      'file://evil-host/opt/Berth%20App/dist/renderer/index.html',
      'about:blank',
      'devtools://devtools/bundled/index.html',
    ]) {
      expect(isAppPageUrl(url, appPage), String(url)).toBe(false);
    }
  });
});

describe('desktopContentSecurityPolicy', () => {
  it('allows scripts from the app only and no network', () => {
    expect(desktopContentSecurityPolicy).toContain("script-src 'self'");
    expect(desktopContentSecurityPolicy).not.toMatch(/unsafe-eval/);
    expect(desktopContentSecurityPolicy).toContain("connect-src 'none'");
  });
});
