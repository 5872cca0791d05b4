import { FitAddon } from '@xterm/addon-fit';
import { WebglAddon } from '@xterm/addon-webgl';
import { Terminal } from '@xterm/xterm';
import type { MountableSurface } from './terminal-surface.js';
import { terminalFontFamily, xtermTheme } from './xterm-theme.js';

export interface XtermSurfaceOptions {
  /** Use the WebGL renderer (falls back to the DOM renderer if it fails or loses its context). */
  webgl?: boolean;
}

/** Strips control characters so a notice cannot carry escape sequences of its own. */
function plain(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    out += code < 0x20 || (code >= 0x7f && code < 0xa0) ? ' ' : ch;
  }
  return out;
}

/**
 * xterm.js behind the TerminalSurface interface. The emulator lives in its own host element, so
 * the view can move it between parents (tab switches, panel re-renders) without reopening it, and
 * output written before it is on screen is kept.
 */
export class XtermSurface implements MountableSurface {
  readonly element: HTMLDivElement;
  private readonly term: Terminal;
  private readonly fitAddon = new FitAddon();
  private webglAddon: WebglAddon | undefined;
  private opened = false;

  constructor(private readonly options: XtermSurfaceOptions = {}) {
    this.element = document.createElement('div');
    this.element.className = 'xterm-host';
    this.term = new Terminal({
      fontFamily: terminalFontFamily,
      fontSize: 13,
      lineHeight: 1.15,
      cursorBlink: true,
      scrollback: 5000,
      theme: xtermTheme,
      allowProposedApi: false,
      // Links, clipboard writes (OSC 52) and title changes need addons or handlers we do not load.
    });
    this.term.loadAddon(this.fitAddon);
  }

  get cols(): number {
    return this.term.cols;
  }

  get rows(): number {
    return this.term.rows;
  }

  attach(parent: HTMLElement): void {
    if (this.element.parentElement !== parent) parent.appendChild(this.element);
    if (this.opened) return;
    this.term.open(this.element);
    this.opened = true;
    if (this.options.webgl) this.enableWebgl();
  }

  fit(): { cols: number; rows: number } | null {
    if (!this.opened || this.element.clientWidth === 0 || this.element.clientHeight === 0) return null;
    const size = this.fitAddon.proposeDimensions();
    if (!size || !Number.isFinite(size.cols) || !Number.isFinite(size.rows)) return null;
    const cols = Math.max(2, Math.min(1000, size.cols));
    const rows = Math.max(1, Math.min(500, size.rows));
    if (cols !== this.term.cols || rows !== this.term.rows) this.term.resize(cols, rows);
    return { cols, rows };
  }

  focus(): void {
    this.term.focus();
  }

  write(data: Uint8Array, onRendered: () => void): void {
    this.term.write(data, onRendered);
  }

  notice(text: string): void {
    // Dim italic, and the cursor hidden: nothing is listening any more (reset() shows it again).
    this.term.write(`\r\n\x1b[2;3m[${plain(text)}]\x1b[0m\r\n\x1b[?25l`);
  }

  reset(): void {
    this.term.reset();
  }

  onInput(listener: (data: string) => void): () => void {
    const subscription = this.term.onData(listener);
    return () => subscription.dispose();
  }

  readVisibleText(): string {
    const buffer = this.term.buffer.active;
    const lines: string[] = [];
    for (let y = buffer.viewportY; y < buffer.viewportY + this.term.rows; y++) {
      lines.push(buffer.getLine(y)?.translateToString(true) ?? '');
    }
    while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
    return lines.join('\n');
  }

  dispose(): void {
    this.webglAddon?.dispose();
    this.term.dispose();
    this.element.remove();
  }

  private enableWebgl(): void {
    try {
      const addon = new WebglAddon();
      addon.onContextLoss(() => {
        // The GPU went away (or too many contexts): keep working on the DOM renderer.
        addon.dispose();
        this.webglAddon = undefined;
      });
      this.term.loadAddon(addon);
      this.webglAddon = addon;
    } catch {
      this.webglAddon = undefined;
    }
  }
}
