import type { SettingsStore, ThemeChoice } from './settings-store.js';

export type ResolvedTheme = 'light' | 'dark';

/** The palette to draw: the user's choice, or the system's when the choice is "system". */
export function resolveTheme(choice: ThemeChoice, systemPrefersLight: boolean): ResolvedTheme {
  if (choice === 'system') return systemPrefersLight ? 'light' : 'dark';
  return choice;
}

export interface ThemeHost {
  /** <html>: its data-theme attribute picks the token set in theme.css. */
  root: { dataset: DOMStringMap };
  matchMedia(query: string): Pick<MediaQueryList, 'matches' | 'addEventListener' | 'removeEventListener'>;
}

/** Keeps <html data-theme> in step with the setting and, for "system", with the OS's light/dark switch. */
export function bindTheme(settings: SettingsStore, host: ThemeHost): () => void {
  const query = host.matchMedia('(prefers-color-scheme: light)');
  const apply = (): void => {
    host.root.dataset.theme = resolveTheme(settings.getState().theme, query.matches);
  };
  apply();
  const offSettings = settings.subscribe((s, prev) => {
    if (s.theme !== prev.theme) apply();
  });
  query.addEventListener('change', apply);
  return () => {
    offSettings();
    query.removeEventListener('change', apply);
  };
}
