import { checkExternalUrl } from '../../../shared/external-url.js';
import { ipcChannels, type CallResult } from '../../../shared/wire.js';
import { frameUrl, type IpcMainLike } from '../../server/rpc/ipc-adapter.js';

/*
 * The desktop path for terminal links: the page asks over one dedicated channel, main checks the
 * sender and the URL itself (the page may be compromised), and only then calls shell.openExternal.
 * Not a contract call: in a browser the page opens links itself, and a web server must never open
 * a browser on the machine it runs on (that may be a robot).
 * Written against structural types so it runs under plain Node in tests; main.ts passes Electron's.
 */

export interface OpenExternalOptions {
  /** True when the frame URL is the app's own page. */
  isTrustedSender(frameUrl: string | undefined): boolean;
  /** Electron's shell.openExternal. */
  openExternal(url: string): Promise<void>;
  /** Refuse a second link sooner than this after the last (a flood of tabs from a compromised page). */
  minIntervalMs?: number;
  now?: () => number;
}

const defaultMinIntervalMs = 1000;

function refused(code: 'FORBIDDEN' | 'BAD_REQUEST' | 'CONFLICT' | 'INTERNAL', message: string): CallResult {
  return { ok: false, error: { code, message } };
}

/** Registers the handler; returns a function that removes it. */
export function registerOpenExternal(ipcMain: Pick<IpcMainLike, 'handle' | 'removeHandler'>, options: OpenExternalOptions): () => void {
  const now = options.now ?? Date.now;
  const minInterval = options.minIntervalMs ?? defaultMinIntervalMs;
  let lastOpenedAt = Number.NEGATIVE_INFINITY;

  ipcMain.handle(ipcChannels.openExternal, async (event, raw): Promise<CallResult> => {
    if (!options.isTrustedSender(frameUrl(event))) return refused('FORBIDDEN', 'Links open only from the Berth page');
    const check = checkExternalUrl(raw);
    if (!check.ok) return refused('BAD_REQUEST', check.problem);
    const at = now();
    if (at - lastOpenedAt < minInterval) return refused('CONFLICT', 'Berth opened a link a moment ago: try again in a second.');
    lastOpenedAt = at;
    try {
      await options.openExternal(check.url);
      return { ok: true, value: null };
    } catch (err) {
      return refused('INTERNAL', `The system could not open the link: ${err instanceof Error ? err.message : String(err)}`);
    }
  });

  return () => ipcMain.removeHandler(ipcChannels.openExternal);
}
