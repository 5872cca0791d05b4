import { createStore, type StoreApi } from 'zustand/vanilla';
import { checkExternalUrl } from '../../../shared/external-url.js';
import { errorText } from '../../lib/error-text.js';

/** A link the user clicked in a terminal, waiting for them to confirm it. */
export interface PendingLink {
  /** The full URL as the terminal printed it, shown whole in the dialog. */
  url: string;
  /** Set when Berth will not open it (not http/https/mailto, not a URL at all), or opening it failed. */
  problem: string | null;
}

export interface TerminalLinkConfirmState {
  pending: PendingLink | null;
  /** A terminal link was clicked: ask before opening it. */
  request(url: string): void;
  /** The user confirmed: open it (only if it has no problem). */
  confirm(): void;
  cancel(): void;
}

export type TerminalLinkConfirmStore = StoreApi<TerminalLinkConfirmState>;

/** Why Berth will not open this link, or null when it may (the same policy the desktop main process applies). */
export function linkProblem(url: string): string | null {
  const check = checkExternalUrl(url);
  return check.ok ? null : check.problem;
}

/**
 * Links printed by a process are untrusted text: a click never opens one directly. The dialog
 * shows the whole URL and opens it only when the user confirms. When opening fails (the desktop
 * side refused it, or the system has no browser) the dialog comes back and says why.
 */
export function createTerminalLinkConfirmStore(open: (url: string) => Promise<void> | void): TerminalLinkConfirmStore {
  return createStore<TerminalLinkConfirmState>()((set, get) => {
    const failed = (url: string, error: unknown): void => {
      // Only if the user has not clicked another link meanwhile.
      if (get().pending === null) set({ pending: { url, problem: `Could not open the link: ${errorText(error)}` } });
    };
    return {
      pending: null,
      request(url) {
        set({ pending: { url, problem: linkProblem(url) } });
      },
      confirm() {
        const { pending } = get();
        set({ pending: null });
        if (!pending || pending.problem) return;
        const check = checkExternalUrl(pending.url);
        if (!check.ok) return;
        try {
          // Called synchronously: a browser allows window.open only during the click's user activation.
          Promise.resolve(open(check.url)).catch((error: unknown) => failed(pending.url, error));
        } catch (error) {
          failed(pending.url, error);
        }
      },
      cancel() {
        set({ pending: null });
      },
    };
  });
}
