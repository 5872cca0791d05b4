import type { ITheme } from '@xterm/xterm';

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
