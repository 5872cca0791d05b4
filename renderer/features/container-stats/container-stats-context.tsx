import { createContext, useContext, type ReactNode } from 'react';
import type { ContainerStatsStore } from './container-stats-store.js';

const Context = createContext<ContainerStatsStore | null>(null);

export function ContainerStatsProvider({ value, children }: { value: ContainerStatsStore; children: ReactNode }) {
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

/** The stats of the containers table the cell is in. */
export function useContainerStatsStore(): ContainerStatsStore {
  const value = useContext(Context);
  if (!value) throw new Error('useContainerStatsStore must be used inside <ContainerStatsProvider>');
  return value;
}
