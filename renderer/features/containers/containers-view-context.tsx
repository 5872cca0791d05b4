import { createContext, useContext, type ReactNode } from 'react';
import type { ContainerDetailStore } from '../container-detail/container-detail-store.js';
import type { ContainerSelectionStore } from './container-selection-store.js';

export interface ContainersViewStores {
  selection: ContainerSelectionStore;
  detail: ContainerDetailStore;
}

const Context = createContext<ContainersViewStores | null>(null);

export function ContainersViewProvider({ value, children }: { value: ContainersViewStores; children: ReactNode }) {
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

/** The containers view's own state: row selection, folded projects, the detail pane. */
export function useContainersView(): ContainersViewStores {
  const value = useContext(Context);
  if (!value) throw new Error('useContainersView must be used inside <ContainersViewProvider>');
  return value;
}
