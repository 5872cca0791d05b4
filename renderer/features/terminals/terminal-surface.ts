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
  /** The text on screen now, trailing blank lines dropped (for tests and accessibility). */
  readVisibleText(): string;
  dispose(): void;
}

/** A surface the view can put on screen (xterm.js in the app). */
export interface MountableSurface extends TerminalSurface {
  /** Move the emulator into `parent` (opening it the first time). */
  attach(parent: HTMLElement): void;
  /** Fit the emulator to its parent; the new size in cells, or null while it has no size (hidden). */
  fit(): { cols: number; rows: number } | null;
  focus(): void;
}
