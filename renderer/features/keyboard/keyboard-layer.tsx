import { useCallback, useEffect, useState } from 'react';
import { CommandPalette } from '../command-palette/command-palette.js';
import { globalShortcut } from './shortcuts.js';
import { ShortcutsHelp } from './shortcuts-help.js';

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/** The page-wide keys: Ctrl/⌘K palette, `/` filter, `?` help, ↓ from a filter into its list. */
export function KeyboardLayer() {
  const [open, setOpen] = useState<'palette' | 'help' | null>(null);
  const close = useCallback(() => setOpen(null), []);
  const showHelp = useCallback(() => setOpen('help'), []);

  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      const shortcut = globalShortcut(event, isMac);
      if (!shortcut) return;
      const main = document.querySelector('main');
      switch (shortcut) {
        case 'palette':
          setOpen((o) => (o === 'palette' ? null : 'palette'));
          break;
        case 'help':
          setOpen('help');
          break;
        case 'filter': {
          const filter = main?.querySelector<HTMLInputElement>('input[aria-label^="Filter"]');
          if (!filter) return;
          filter.focus();
          filter.select();
          break;
        }
        case 'into-list': {
          const row = main?.querySelector<HTMLElement>('[role="grid"] [role="row"][tabindex="0"]');
          if (!row) return;
          row.focus();
          break;
        }
      }
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  if (open === 'palette') return <CommandPalette onClose={close} onShowShortcuts={showHelp} />;
  if (open === 'help') return <ShortcutsHelp onClose={close} />;
  return null;
}
