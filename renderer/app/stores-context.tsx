import { createContext, useContext, type ReactNode } from 'react';
import type { MountableSurface } from '../features/terminals/terminal-surface.js';
import type { AppStores } from './create-app-stores.js';

export type ViewStores = AppStores<MountableSurface>;

const StoresContext = createContext<ViewStores | null>(null);

export function StoresProvider({ stores, children }: { stores: ViewStores; children: ReactNode }) {
  return <StoresContext.Provider value={stores}>{children}</StoresContext.Provider>;
}

/** The stores created once in main.tsx. */
export function useStores(): ViewStores {
  const stores = useContext(StoresContext);
  if (!stores) throw new Error('useStores must be used inside <StoresProvider>');
  return stores;
}
