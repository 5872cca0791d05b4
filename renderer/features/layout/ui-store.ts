import { createStore, type StoreApi } from 'zustand/vanilla';

export const viewNames = ['containers', 'images', 'volumes', 'networks', 'stacks', 'map', 'events', 'learn', 'engines'] as const;
export type ViewName = (typeof viewNames)[number];

/** Each view's title, as the side nav, the palette and the jobs tray show it; a new view without one fails typecheck. */
export const viewTitles: Readonly<Record<ViewName, string>> = {
  containers: 'Containers',
  images: 'Images',
  volumes: 'Volumes',
  networks: 'Networks',
  stacks: 'Stacks',
  map: 'Engine map',
  events: 'Events',
  learn: 'Learn',
  engines: 'Engines',
};

export interface UiState {
  view: ViewName;
  filters: Readonly<Record<ViewName, string>>;
  /** Height of the terminal panel in pixels. */
  terminalHeight: number;
  setView(view: ViewName): void;
  setFilter(view: ViewName, text: string): void;
  setTerminalHeight(px: number): void;
}

export type UiStore = StoreApi<UiState>;

export const terminalHeightBounds = { min: 120, max: 900 } as const;

export function createUiStore(): UiStore {
  return createStore<UiState>()((set) => ({
    view: 'containers',
    filters: { containers: '', images: '', volumes: '', networks: '', stacks: '', map: '', events: '', learn: '', engines: '' },
    terminalHeight: 300,
    setView: (view) => set({ view }),
    setFilter: (view, text) => set((s) => ({ filters: { ...s.filters, [view]: text } })),
    setTerminalHeight: (px) =>
      set({ terminalHeight: Math.round(Math.max(terminalHeightBounds.min, Math.min(terminalHeightBounds.max, px))) }),
  }));
}

/** `#/images` → images, `#/stacks` → stacks, and so on for every view; anything else → containers. */
export function viewFromHash(hash: string): ViewName {
  const name = hash.replace(/^#\/?/, '');
  return (viewNames as readonly string[]).includes(name) ? (name as ViewName) : 'containers';
}

export function hashOf(view: ViewName): string {
  return `#/${view}`;
}

/** Keeps the view in step with the location hash, so the nav links and the back button work. */
export function bindHash(ui: UiStore, win: Pick<Window, 'location' | 'addEventListener' | 'removeEventListener'>): () => void {
  const sync = (): void => ui.getState().setView(viewFromHash(win.location.hash));
  sync();
  win.addEventListener('hashchange', sync);
  return () => win.removeEventListener('hashchange', sync);
}
