import type { Terminal } from '@xterm/xterm';
import type { TerminalProbe } from './terminal-test-hook.js';

/** A probe of one xterm.js terminal: its events and cheap reads (see TerminalProbe); also used by the bench's peer terminal. */
export function xtermProbe(term: Terminal): TerminalProbe {
  return {
    onParsed: (listener) => {
      const d = term.onWriteParsed(listener);
      return () => d.dispose();
    },
    onRendered: (listener) => {
      const d = term.onRender(listener);
      return () => d.dispose();
    },
    linesAtCursor: (above) => {
      const buffer = term.buffer.active;
      const cursorRow = buffer.baseY + buffer.cursorY;
      const lines: string[] = [];
      for (let y = Math.max(0, cursorRow - above); y <= cursorRow; y++) lines.push(buffer.getLine(y)?.translateToString(true) ?? '');
      return lines.join('\n');
    },
    size: () => ({ cols: term.cols, rows: term.rows }),
  };
}
