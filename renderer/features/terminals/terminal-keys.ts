import type { SurfaceShortcut } from './terminal-surface.js';

/** Berth's own keys; everything else goes to the process. */
export function shortcutOf(
  e: Pick<KeyboardEvent, 'ctrlKey' | 'shiftKey' | 'altKey' | 'metaKey' | 'key' | 'code'>,
): SurfaceShortcut | 'nativePaste' | null {
  if (!e.ctrlKey || e.altKey || e.metaKey) return null;
  if (e.shiftKey) {
    if (e.code === 'KeyC') return 'copy';
    // Left to the browser: its paste event reaches xterm, which pastes (bracketed when asked).
    if (e.code === 'KeyV') return 'nativePaste';
    if (e.code === 'KeyF') return 'find';
  }
  if (e.key === '=' || e.key === '+') return 'zoomIn';
  if (e.key === '-' || e.key === '_') return 'zoomOut';
  if (e.key === '0' && !e.shiftKey) return 'zoomReset';
  return null;
}
