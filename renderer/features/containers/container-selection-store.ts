import { createStore, type StoreApi } from 'zustand/vanilla';
import { rowSelectionSlice, type RowSelectionState } from '../../lib/row-selection-store.js';

/** Selected container IDs, and the Compose projects folded under their header. */
export interface ContainerSelectionState extends RowSelectionState {
  collapsed: ReadonlySet<string>;
  toggleCollapsed(project: string): void;
}

export type ContainerSelectionStore = StoreApi<ContainerSelectionState>;

export function createContainerSelectionStore(): ContainerSelectionStore {
  return createStore<ContainerSelectionState>()((set, get) => ({
    ...rowSelectionSlice(set, get),
    collapsed: new Set(),
    toggleCollapsed(project) {
      const next = new Set(get().collapsed);
      if (next.has(project)) next.delete(project);
      else next.add(project);
      set({ collapsed: next });
    },
  }));
}
