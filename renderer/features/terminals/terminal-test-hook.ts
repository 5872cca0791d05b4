import type { TerminalSurface } from './terminal-surface.js';
import type { TerminalsStore } from './terminals-store.js';

/** Reads the visible text of one terminal; see exposeTerminalHook. */
export type TerminalTextReader = () => string;

declare global {
  interface Window {
    /**
     * Test hook (e2e): every open terminal tab, keyed by its session ID and by its container's name
     * (the most recently opened tab wins for a name), mapped to a function returning the text
     * currently visible in that terminal (xterm's buffer, viewport rows, trailing blank lines dropped).
     */
    __berthTerminals?: Map<string, TerminalTextReader>;
  }
}

/** Keeps `window.__berthTerminals` in step with the open terminal tabs. */
export function exposeTerminalHook<S extends TerminalSurface>(
  terminals: TerminalsStore<S>,
  target: { __berthTerminals?: Map<string, TerminalTextReader> },
): () => void {
  const map = new Map<string, TerminalTextReader>();
  target.__berthTerminals = map;
  const sync = (): void => {
    map.clear();
    for (const tab of terminals.getState().tabs) {
      const surface = terminals.surfaceOf(tab.key);
      if (!surface) continue;
      const read = (): string => surface.readVisibleText();
      if (tab.sessionId) map.set(tab.sessionId, read);
      map.set(tab.containerName, read);
    }
  };
  sync();
  return terminals.subscribe(sync);
}
