import type { ITerminalOptions, ITheme } from '@xterm/xterm';

/** Matches the app's dark palette (styles/theme.css). */
export const xtermTheme: ITheme = {
  background: '#0b0e14',
  foreground: '#d7dce5',
  cursor: '#7aa2ff',
  cursorAccent: '#0b0e14',
  selectionBackground: '#2a3b5c',
  black: '#1b1f2a',
  red: '#f07178',
  green: '#9ece6a',
  yellow: '#e6c07b',
  blue: '#7aa2ff',
  magenta: '#c792ea',
  cyan: '#7dcfff',
  white: '#c8ceda',
  brightBlack: '#5c6478',
  brightRed: '#ff8b92',
  brightGreen: '#b5e48c',
  brightYellow: '#ffd68a',
  brightBlue: '#9bb8ff',
  brightMagenta: '#ddb0ff',
  brightCyan: '#a4e0ff',
  brightWhite: '#ffffff',
};

export const terminalFontFamily =
  '"JetBrains Mono", "SF Mono", "Cascadia Mono", Menlo, Consolas, "DejaVu Sans Mono", "Liberation Mono", monospace';

/** How every terminal looks and how much it keeps; the bench's xterm.js-alone and peer pages use the same. */
export const terminalDisplayOptions = {
  fontFamily: terminalFontFamily,
  fontSize: 13,
  lineHeight: 1.15,
  // A steady cursor. xterm.js blinks with an endless CSS animation, and while anything animates
  // Chromium holds the page's messages after a key press until the next frame is drawn
  // (DeferRendererTasksAfterInput), so every echo waited a frame: keydown → echo in xterm's
  // buffer 10.8 ms with blinking, 2.3 ms without (xterm.js alone, same Chromium). The
  // animation also kept Chromium drawing 60 frames a second while a terminal sat idle.
  cursorBlink: false,
  scrollback: 5000,
  theme: xtermTheme,
} as const satisfies ITerminalOptions;
