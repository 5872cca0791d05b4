import { createStore, type StoreApi } from 'zustand/vanilla';

/** A link the user clicked in a terminal, waiting for them to confirm it. */
export interface PendingLink {
  /** The full URL as the terminal printed it, shown whole in the dialog. */
  url: string;
  /** Set when Berth will not open it (not http/https, or not a URL at all). */
  problem: string | null;
}

export interface LinkConfirmState {
  pending: PendingLink | null;
  /** A terminal link was clicked: ask before opening it. */
  request(url: string): void;
  /** The user confirmed: open it (only if it has no problem). */
  confirm(): void;
  cancel(): void;
}

export type LinkConfirmStore = StoreApi<LinkConfirmState>;

/** Why Berth will not open this link, or null when it is an http(s) URL. */
export function linkProblem(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'This is not a complete URL.';
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return `Berth opens only http and https links, not ${parsed.protocol}`;
  return null;
}

/**
 * Links printed by a process are untrusted text: a click never opens one directly. The dialog
 * shows the whole URL and opens it only when the user confirms.
 */
export function createLinkConfirmStore(open: (url: string) => void): LinkConfirmStore {
  return createStore<LinkConfirmState>()((set, get) => ({
    pending: null,
    request(url) {
      set({ pending: { url, problem: linkProblem(url) } });
    },
    confirm() {
      const { pending } = get();
      set({ pending: null });
      if (pending && !pending.problem) open(pending.url);
    },
    cancel() {
      set({ pending: null });
    },
  }));
}
