import type { Session } from 'electron';
import { describe, expect, it } from 'vitest';
import { appPageUrl, desktopContentSecurityPolicy } from './app-page.js';
import {
  hardenSession,
  hardenWebContents,
  isAllowedFrameNavigation,
  type FrameNavigationEvent,
  type GuardedContents,
} from './window-security.js';

type Listener = (...args: never[]) => void;

/** A WebContents stand-in that keeps the listeners so a test can fire navigation events. */
class FakeContents implements GuardedContents {
  readonly listeners = new Map<string, Listener[]>();
  windowOpenHandler: (() => { action: 'deny' }) | undefined;

  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
  setWindowOpenHandler(handler: () => { action: 'deny' }): void {
    this.windowOpenHandler = handler;
  }

  /** Fires `will-frame-navigate` as Electron does (details on the event) and says whether it was let through. */
  frameNavigate(url: string, isMainFrame: boolean): boolean {
    let prevented = false;
    const event: FrameNavigationEvent = { url, isMainFrame, preventDefault: () => void (prevented = true) };
    const listeners = this.listeners.get('will-frame-navigate') ?? [];
    expect(listeners.length).toBeGreaterThan(0);
    for (const listener of listeners) (listener as (e: FrameNavigationEvent) => void)(event);
    return !prevented;
  }
  /** Fires `will-navigate` / `will-redirect` (event, url) and says whether it was let through. */
  navigate(kind: 'will-navigate' | 'will-redirect', url: string): boolean {
    let prevented = false;
    const listeners = this.listeners.get(kind) ?? [];
    expect(listeners.length).toBeGreaterThan(0);
    for (const listener of listeners)
      (listener as (e: { preventDefault(): void }, u: string) => void)({ preventDefault: () => void (prevented = true) }, url);
    return !prevented;
  }
}

const elsewhere = [
  'https://evil.example/',
  'http://127.0.0.1:7420/?token=x',
  'file:///etc/passwd',
  'file:///opt/berth/dist/renderer/index.html',
  'app://evil/index.html',
  'app://berth/other.html',
  'about:blank',
  'data:text/html,<script>alert(1)</script>',
  'javascript:alert(1)',
  'blob:app://berth/1b2c',
  'chrome://settings',
];

describe('will-frame-navigate guard', () => {
  it('lets the main frame reload the app page', () => {
    const contents = new FakeContents();
    hardenWebContents(contents);
    expect(contents.frameNavigate(appPageUrl, true)).toBe(true);
    expect(contents.frameNavigate(`${appPageUrl}#/images`, true)).toBe(true);
  });

  it('stops any frame, main or sub, from leaving the app page', () => {
    const contents = new FakeContents();
    hardenWebContents(contents);
    for (const url of elsewhere) {
      expect(contents.frameNavigate(url, true), `main frame to ${url}`).toBe(false);
      expect(contents.frameNavigate(url, false), `subframe to ${url}`).toBe(false);
      expect(isAllowedFrameNavigation(url), url).toBe(false);
    }
  });
});

describe('hardenWebContents', () => {
  it('keeps will-navigate and will-redirect on the app page', () => {
    const contents = new FakeContents();
    hardenWebContents(contents);
    expect(contents.navigate('will-navigate', appPageUrl)).toBe(true);
    for (const url of elsewhere) {
      expect(contents.navigate('will-navigate', url), url).toBe(false);
      expect(contents.navigate('will-redirect', url), url).toBe(false);
    }
  });

  it('opens no windows and attaches no webviews', () => {
    const contents = new FakeContents();
    hardenWebContents(contents);
    expect(contents.windowOpenHandler?.()).toEqual({ action: 'deny' });
    let prevented = false;
    for (const listener of contents.listeners.get('will-attach-webview') ?? []) {
      (listener as (e: { preventDefault(): void }) => void)({ preventDefault: () => void (prevented = true) });
    }
    expect(prevented).toBe(true);
  });
});

describe('hardenSession', () => {
  it('grants no permission and puts the desktop CSP on other responses', () => {
    let requestHandler: ((c: unknown, p: string, cb: (granted: boolean) => void) => void) | undefined;
    let checkHandler: (() => boolean) | undefined;
    let headersHook:
      | ((details: { responseHeaders?: Record<string, string[]> }, cb: (r: { responseHeaders: Record<string, string[]> }) => void) => void)
      | undefined;
    const session = {
      setPermissionRequestHandler: (h: typeof requestHandler) => void (requestHandler = h),
      setPermissionCheckHandler: (h: typeof checkHandler) => void (checkHandler = h),
      webRequest: { onHeadersReceived: (h: typeof headersHook) => void (headersHook = h) },
    };
    hardenSession(session as unknown as Session);
    let granted: boolean | undefined;
    requestHandler?.({}, 'media', (g) => void (granted = g));
    expect(granted).toBe(false);
    expect(checkHandler?.()).toBe(false);
    let headers: Record<string, string[]> | undefined;
    headersHook?.({ responseHeaders: { 'Content-Type': ['text/html'] } }, (r) => void (headers = r.responseHeaders));
    expect(headers).toEqual({ 'Content-Type': ['text/html'], 'Content-Security-Policy': [desktopContentSecurityPolicy] });
  });
});
