import { FitAddon } from '@xterm/addon-fit';
import { SearchAddon } from '@xterm/addon-search';
import { WebLinksAddon } from '@xterm/addon-web-links';
import { WebglAddon } from '@xterm/addon-webgl';
import { Terminal } from '@xterm/xterm';
import { shortcutOf } from './terminal-keys.js';
import type { MountableSurface, SearchRequest, SurfaceShortcut } from './terminal-surface.js';
import type { TerminalProbe } from './terminal-test-hook.js';
import { WriteCoalescer } from './write-coalescer.js';
import { xtermProbe } from './xterm-probe.js';
import { terminalDisplayOptions } from './xterm-theme.js';

export interface XtermSurfaceOptions {
  /** Use the WebGL renderer while visible (falls back to the DOM renderer if it fails or loses its context). */
  webgl?: boolean;
  fontSize?: number;
}

const searchDecorations = {
  matchBackground: '#3b4a6b',
  matchOverviewRuler: '#7aa2ff',
  activeMatchBackground: '#b8860b',
  activeMatchColorOverviewRuler: '#ffd68a',
};

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
  private readonly searchAddon = new SearchAddon();
  private webglAddon: WebglAddon | undefined;
  /** WebGL failed here once (or lost its context): stay on the DOM renderer. */
  private webglBroken = false;
  private visible = false;
  private opened = false;
  private readonly linkListeners = new Set<(url: string) => void>();
  private readonly shortcutListeners = new Set<(s: SurfaceShortcut) => void>();
  /** Output goes to xterm through this: at once after a quiet spell, in ~25 ms batches while it streams, ~100 ms in a flood (see WriteCoalescer). */
  private readonly output: WriteCoalescer;
  private readonly encoder = new TextEncoder();

  constructor(private readonly options: XtermSurfaceOptions = {}) {
    this.element = document.createElement('div');
    this.element.className = 'xterm-host';
    this.term = new Terminal({
      ...terminalDisplayOptions,
      fontSize: options.fontSize ?? terminalDisplayOptions.fontSize,
      // The search addon's match decorations use the decoration API.
      allowProposedApi: true,
      // Clipboard writes (OSC 52) and title changes need handlers we do not load.
      // OSC 8 hyperlinks take the same confirmation as plain-text links (xterm's default is confirm() + window.open).
      linkHandler: { activate: (_event, uri) => this.linkListeners.forEach((l) => l(uri)) },
    });
    this.output = new WriteCoalescer((data, done) => this.term.write(data, done));
    this.term.loadAddon(this.fitAddon);
    this.term.loadAddon(this.searchAddon);
    // Links are untrusted output: a click only reports the URL; the panel asks before opening it.
    this.term.loadAddon(
      new WebLinksAddon((event, uri) => {
        event.preventDefault();
        for (const l of this.linkListeners) l(uri);
      }),
    );
    this.term.attachCustomKeyEventHandler((e) => {
      const shortcut = shortcutOf(e);
      if (!shortcut) return true;
      if (shortcut === 'nativePaste') return false;
      if (e.type === 'keydown') {
        e.preventDefault();
        for (const l of this.shortcutListeners) l(shortcut);
      }
      return false;
    });
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
    this.syncRenderer();
  }

  setVisible(visible: boolean): void {
    this.visible = visible;
    this.syncRenderer();
  }

  setFontSize(px: number): void {
    if (this.term.options.fontSize !== px) this.term.options.fontSize = px;
  }

  selection(): string {
    return this.term.getSelection();
  }

  paste(text: string): void {
    this.term.paste(text);
  }

  search({ query, caseSensitive, regex, direction, incremental }: SearchRequest): void {
    if (query === '') {
      this.searchAddon.clearDecorations();
      return;
    }
    const options = { caseSensitive, regex, incremental, decorations: searchDecorations };
    try {
      if (direction === 'next') this.searchAddon.findNext(query, options);
      else this.searchAddon.findPrevious(query, options);
    } catch {
      // An invalid expression: the search bar says so.
    }
  }

  clearSearch(): void {
    this.searchAddon.clearDecorations();
    this.term.clearSelection();
  }

  onSearchResults(listener: (r: { resultIndex: number; resultCount: number }) => void): () => void {
    const d = this.searchAddon.onDidChangeResults(listener);
    return () => d.dispose();
  }

  onBell(listener: () => void): () => void {
    const d = this.term.onBell(listener);
    return () => d.dispose();
  }

  onLink(listener: (url: string) => void): () => void {
    this.linkListeners.add(listener);
    return () => this.linkListeners.delete(listener);
  }

  onShortcut(listener: (shortcut: SurfaceShortcut) => void): () => void {
    this.shortcutListeners.add(listener);
    return () => this.shortcutListeners.delete(listener);
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
    this.output.push(data, onRendered);
  }

  notice(text: string): void {
    // Dim italic, and the cursor hidden: nothing is listening any more (reset() shows it again).
    // Through the coalescer, so it comes after output still held there.
    this.output.push(this.encoder.encode(`\r\n\x1b[2;3m[${plain(text)}]\x1b[0m\r\n\x1b[?25l`), () => undefined);
  }

  reset(): void {
    this.output.clear();
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

  /** Events and cheap reads for the benchmark and e2e tests (see terminal-test-hook.ts). */
  probe(): TerminalProbe {
    return xtermProbe(this.term);
  }

  dispose(): void {
    this.output.clear();
    this.linkListeners.clear();
    this.shortcutListeners.clear();
    this.webglAddon?.dispose();
    this.term.dispose();
    this.element.remove();
  }

  /** WebGL only while on screen: a hidden terminal releases its context and uses the DOM renderer. */
  private syncRenderer(): void {
    const want = this.opened && this.visible && this.options.webgl === true && !this.webglBroken;
    if (want && !this.webglAddon) this.enableWebgl();
    if (!want && this.webglAddon) {
      this.webglAddon.dispose();
      this.webglAddon = undefined;
    }
  }

  private enableWebgl(): void {
    try {
      const addon = new WebglAddon();
      addon.onContextLoss(() => {
        // The GPU went away (or too many contexts): keep working on the DOM renderer.
        this.webglBroken = true;
        addon.dispose();
        if (this.webglAddon === addon) this.webglAddon = undefined;
      });
      this.term.loadAddon(addon);
      this.webglAddon = addon;
    } catch {
      this.webglBroken = true;
      this.webglAddon = undefined;
    }
  }
}
