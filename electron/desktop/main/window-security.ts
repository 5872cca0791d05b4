import type { Session } from 'electron';
import { desktopContentSecurityPolicy, isAppPageUrl } from './app-page.js';

/**
 * Session-wide rules from Electron's security checklist: no permission is ever granted (Berth
 * needs no camera, notifications, ...). The app:// handler sends the CSP with every response it
 * builds; this hook puts it on any other response too, should one ever reach the session.
 */
export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [desktopContentSecurityPolicy] },
    });
  });
}

interface PreventableEvent {
  preventDefault(): void;
}

/** What Electron passes to `will-frame-navigate`: the event object carries the details. */
export interface FrameNavigationEvent extends PreventableEvent {
  readonly url: string;
  readonly isMainFrame: boolean;
}

/** The parts of a WebContents the guards use; Electron's WebContents has them, tests pass a fake. */
export interface GuardedContents {
  on(event: 'will-navigate' | 'will-redirect', listener: (event: PreventableEvent, url: string) => void): unknown;
  on(event: 'will-frame-navigate', listener: (event: FrameNavigationEvent) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): unknown;
  setWindowOpenHandler(handler: () => { action: 'deny' }): void;
}

/**
 * Whether a frame may go to `url`: only to the app page, main frame or not. The app has no
 * subframes, and its page refuses to be framed (`frame-ancestors 'none'`), so a subframe has
 * nowhere to go; a frame an injected script made cannot be steered to a phishing page or file://.
 */
export function isAllowedFrameNavigation(url: string): boolean {
  return isAppPageUrl(url);
}

/** Per-WebContents rules: every frame stays on the app page, no windows open, no webviews attach. */
export function hardenWebContents(contents: GuardedContents): void {
  const stayOnAppPage = (event: PreventableEvent, url: string): void => {
    if (!isAppPageUrl(url)) event.preventDefault();
  };
  contents.on('will-navigate', stayOnAppPage);
  contents.on('will-redirect', stayOnAppPage);
  contents.on('will-frame-navigate', (event) => {
    if (!isAllowedFrameNavigation(event.url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}
