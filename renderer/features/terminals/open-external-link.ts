import type { BerthBridge } from '../../../shared/bridge.js';

/** What the opener needs from `window`: the desktop bridge (absent in a browser) and window.open. */
export interface LinkOpeningWindow {
  readonly berth?: Pick<BerthBridge, 'openExternal'>;
  open(url: string, target: string, features: string): unknown;
}

/**
 * How a confirmed terminal link leaves Berth. The desktop window opens no windows of its own, so
 * there the preload bridge asks main to hand the link to the system browser (main checks it
 * again); in a browser tab it opens in a new tab with no way back to this page (noopener).
 * Rejects with the reason when the desktop side refused or failed.
 */
export function createLinkOpener(win: LinkOpeningWindow): (url: string) => Promise<void> {
  return async (url) => {
    const bridge = win.berth;
    if (bridge?.openExternal) {
      const result = await bridge.openExternal(url);
      if (!result.ok) throw new Error(result.error.message);
      return;
    }
    win.open(url, '_blank', 'noopener,noreferrer');
  };
}
