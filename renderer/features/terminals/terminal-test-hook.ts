import type { TerminalSurface } from './terminal-surface.js';
import type { TerminalsStore } from './terminals-store.js';

/** Reads the visible text of one terminal; see exposeTerminalHook. */
export type TerminalTextReader = () => string;

/**
 * Events and cheap reads of one terminal, for the benchmark and tests that must not poll the
 * whole screen (reading every row each frame costs time the measurement would then include).
 */
export interface TerminalProbe {
  /** After the emulator parsed written output (xterm's onWriteParsed). */
  onParsed(listener: () => void): () => void;
  /** After the emulator rendered rows to the DOM or canvas (xterm's onRender; the paint follows in that frame). */
  onRendered(listener: () => void): () => void;
  /** The cursor's row and the `above` rows before it, joined with `\n` (trailing blanks of each row dropped). */
  linesAtCursor(above: number): string;
  /** The emulator's size in cells. */
  size(): { cols: number; rows: number };
}

/** A surface that can hand out a probe (xterm in the app; the unit tests' fake does not). */
export interface ProbedSurface {
  probe(): TerminalProbe;
}

function isProbed(surface: object): surface is ProbedSurface {
  return typeof (surface as Partial<ProbedSurface>).probe === 'function';
}

export interface TerminalHookTarget {
  __berthTerminals?: Map<string, TerminalTextReader>;
  __berthTerminalProbes?: Map<string, TerminalProbe>;
}

declare global {
  interface Window {
    /**
     * Test hook (e2e): every open terminal tab, keyed by its session ID and by its container's name
     * (the most recently opened tab wins for a name), mapped to a function returning the text
     * currently visible in that terminal (xterm's buffer, viewport rows, trailing blank lines dropped).
     */
    __berthTerminals?: Map<string, TerminalTextReader>;
    /** Test hook (bench): the same keys, mapped to a probe of that terminal's emulator. */
    __berthTerminalProbes?: Map<string, TerminalProbe>;
  }
}

/** Keeps `window.__berthTerminals` and `window.__berthTerminalProbes` in step with the open terminal tabs. */
export function exposeTerminalHook<S extends TerminalSurface>(terminals: TerminalsStore<S>, target: TerminalHookTarget): () => void {
  const readers = new Map<string, TerminalTextReader>();
  const probes = new Map<string, TerminalProbe>();
  const probeOf = new WeakMap<S, TerminalProbe>();
  target.__berthTerminals = readers;
  target.__berthTerminalProbes = probes;
  const sync = (): void => {
    readers.clear();
    probes.clear();
    for (const tab of terminals.getState().tabs) {
      const surface = terminals.surfaceOf(tab.key);
      if (!surface) continue;
      const read = (): string => surface.readVisibleText();
      const keys = tab.sessionId ? [tab.sessionId, tab.containerName] : [tab.containerName];
      for (const key of keys) readers.set(key, read);
      if (!isProbed(surface)) continue;
      let probe = probeOf.get(surface);
      if (!probe) {
        probe = surface.probe();
        probeOf.set(surface, probe);
      }
      for (const key of keys) probes.set(key, probe);
    }
  };
  sync();
  return terminals.subscribe(sync);
}
