import { isTextEntry } from '../../components/grid-keys.js';

/** Every shortcut, as the help sheet lists them. */
export const shortcutList: readonly { keys: string[]; what: string }[] = [
  { keys: ['Ctrl', 'K'], what: 'Command palette: find any container, image, volume, network, engine, view or action (⌘K on a Mac)' },
  { keys: ['/'], what: "Filter the current view's list" },
  { keys: ['↓'], what: 'From the filter, into the list' },
  { keys: ['↑', '↓'], what: 'Move between rows (Page Up/Down, Home, End)' },
  { keys: ['→', '←'], what: "Move between a row's buttons" },
  { keys: ['Enter'], what: 'Show the row’s details' },
  { keys: ['s'], what: 'Open a shell in the container' },
  { keys: ['Delete'], what: 'Remove (asks first)' },
  { keys: ['?'], what: 'This list' },
  { keys: ['Esc'], what: 'Close a dialog or the palette' },
];

export type GlobalShortcut = 'palette' | 'filter' | 'help' | 'into-list';

interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  target: EventTarget | null;
}

/** Inside a terminal, Ctrl+K is the shell's (kill to end of line); ⌘K still opens the palette. */
function inTerminal(target: Element | null): boolean {
  return Boolean(target?.closest('.xterm'));
}

/** The page-wide shortcut a key press is, if any; typing in a field is left alone. */
export function globalShortcut(event: KeyLike, isMac: boolean): GlobalShortcut | undefined {
  const target = typeof (event.target as Element | null)?.closest === 'function' ? (event.target as Element) : null;
  if (event.key.toLowerCase() === 'k' && !event.altKey && (isMac ? event.metaKey : event.ctrlKey)) {
    return !isMac && inTerminal(target) ? undefined : 'palette';
  }
  if (event.ctrlKey || event.metaKey || event.altKey) return undefined;
  if (event.key === 'ArrowDown' && target?.tagName === 'INPUT' && /^filter /i.test(target.getAttribute('aria-label') ?? '')) {
    return 'into-list';
  }
  if (isTextEntry(target) || target?.closest('dialog')) return undefined;
  if (event.key === '/') return 'filter';
  if (event.key === '?') return 'help';
  return undefined;
}
