import type { Session, WebContents } from 'electron';
import { desktopContentSecurityPolicy, isAppPageUrl } from './app-page.js';

/**
 * Session-wide rules from Electron's security checklist: no permission is ever granted (Berth
 * needs no camera, notifications, ...), and every response carries the CSP. For file:// pages the
 * header is not reliably applied by every Electron version, so index.html should carry the same
 * policy in a <meta> tag too.
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

/** Per-WebContents rules: it stays on the app page, opens no windows and attaches no webviews. */
export function hardenWebContents(contents: WebContents, appPageUrl: string): void {
  const stayOnAppPage = (event: { preventDefault(): void }, url: string): void => {
    if (!isAppPageUrl(url, appPageUrl)) event.preventDefault();
  };
  contents.on('will-navigate', stayOnAppPage);
  contents.on('will-redirect', stayOnAppPage);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}
