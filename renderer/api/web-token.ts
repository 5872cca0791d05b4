/** Where the web page's token is kept for the tab, so a reload still works after the URL was cleaned. */
export const webTokenStorageKey = 'berth.webToken';

export interface WebTokenEnvironment {
  readonly location: Pick<Location, 'search' | 'pathname' | 'hash'>;
  readonly history: Pick<History, 'replaceState' | 'state'>;
  /** Undefined when the browser refuses storage (some privacy modes). */
  readonly storage: Pick<Storage, 'getItem' | 'setItem'> | undefined;
}

/**
 * Reads `?token=` from the address the user opened, keeps it in sessionStorage for this tab, and
 * takes it out of the address bar (and so out of history, bookmarks and screenshots). Without one
 * in the URL, the tab's remembered token is used.
 */
export function takeWebToken(env: WebTokenEnvironment): string | undefined {
  const params = new URLSearchParams(env.location.search);
  const fromUrl = params.get('token');
  if (fromUrl !== null && fromUrl !== '') {
    try {
      env.storage?.setItem(webTokenStorageKey, fromUrl);
    } catch {
      // Storage full or refused: the token still works until the next reload.
    }
    params.delete('token');
    const rest = params.toString();
    env.history.replaceState(env.history.state, '', `${env.location.pathname}${rest ? `?${rest}` : ''}${env.location.hash}`);
    return fromUrl;
  }
  try {
    return env.storage?.getItem(webTokenStorageKey) || undefined;
  } catch {
    return undefined;
  }
}
