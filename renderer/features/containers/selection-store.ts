import { createStore, type StoreApi } from 'zustand/vanilla';
import { rowSelectionSlice, type RowSelectionState } from '../../lib/row-selection-store.js';

/** Selected container IDs, and the Compose projects folded under their header. */
export interface SelectionState extends RowSelectionState {
  collapsed: ReadonlySet<string>;
  toggleCollapsed(project: string): void;
}

export type SelectionStore = StoreApi<SelectionState>;

export function createSelectionStore(): SelectionStore {
  return createStore<SelectionState>()((set, get) => ({
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
