/** What the terminals store needs from a terminal emulator; xterm.js in the app, a fake in tests. */
export interface TerminalSurface {
  readonly cols: number;
  readonly rows: number;
  /** Write output bytes; `onRendered` runs once the emulator has processed them. */
  write(data: Uint8Array, onRendered: () => void): void;
  /** A line from Berth itself (not from the process), e.g. that the shell ended. */
  notice(text: string): void;
  /** Clear everything, for a reopened session. */
  reset(): void;
  /** Keystrokes and pastes, as the emulator encodes them. */
  onInput(listener: (data: string) => void): () => void;
  /** The process rang the bell (BEL), as the emulator parsed it (not a BEL inside an escape sequence). */
  onBell(listener: () => void): () => void;
  /** The text on screen now, trailing blank lines dropped (for tests and accessibility). */
  readVisibleText(): string;
  dispose(): void;
}

/** Keys the terminal keeps for Berth instead of sending them to the process. */
export type SurfaceShortcut = 'copy' | 'paste' | 'find' | 'zoomIn' | 'zoomOut' | 'zoomReset';

export interface SearchRequest {
  query: string;
  caseSensitive: boolean;
  regex: boolean;
  direction: 'next' | 'previous';
  /** Search as the user types (stays on the current match if it still matches). */
  incremental?: boolean;
}

/** A surface the view can put on screen (xterm.js in the app). */
export interface MountableSurface extends TerminalSurface {
  /** Move the emulator into `parent` (opening it the first time). */
  attach(parent: HTMLElement): void;
  /** Fit the emulator to its parent; the new size in cells, or null while it has no size (hidden). */
  fit(): { cols: number; rows: number } | null;
  focus(): void;
  /** On screen or not: a hidden terminal gives up its WebGL context (Chromium allows ~16). */
  setVisible(visible: boolean): void;
  setFontSize(px: number): void;
  /** The selected text ('' when nothing is selected). */
  selection(): string;
  /** Paste text as the user would (bracketed paste when the program asked for it). */
  paste(text: string): void;
  search(request: SearchRequest): void;
  clearSearch(): void;
  onSearchResults(listener: (r: { resultIndex: number; resultCount: number }) => void): () => void;
  /** A link in the output was clicked (never opened by the surface itself). */
  onLink(listener: (url: string) => void): () => void;
  onShortcut(listener: (shortcut: SurfaceShortcut) => void): () => void;
}
