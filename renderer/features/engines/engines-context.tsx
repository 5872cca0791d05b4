import { createContext, useContext, type ReactNode } from 'react';
import type { EnginesStore } from './engines-store.js';

const EnginesContext = createContext<EnginesStore | null>(null);

/** The app-level engines store, above the per-engine stores (it outlives them). */
export function EnginesProvider({ engines, children }: { engines: EnginesStore; children: ReactNode }) {
  return <EnginesContext.Provider value={engines}>{children}</EnginesContext.Provider>;
}

export function useEngines(): EnginesStore {
  const engines = useContext(EnginesContext);
  if (!engines) throw new Error('useEngines must be used inside <EnginesProvider>');
  return engines;
}

/** The engines store, or null outside a provider (views rendered alone in tests). */
export function useOptionalEngines(): EnginesStore | null {
  return useContext(EnginesContext);
}
