import { createStore, type StoreApi } from 'zustand/vanilla';

export interface SelectionState {
  /** Selected container IDs. */
  selected: ReadonlySet<string>;
  /** Projects whose rows are folded under their header. */
  collapsed: ReadonlySet<string>;
  toggle(id: string): void;
  setMany(ids: readonly string[], on: boolean): void;
  clear(): void;
  /** Forgets IDs that are no longer listed (removed containers). */
  retain(ids: ReadonlySet<string>): void;
  toggleCollapsed(project: string): void;
}

export type SelectionStore = StoreApi<SelectionState>;

export function createSelectionStore(): SelectionStore {
  return createStore<SelectionState>()((set, get) => ({
    selected: new Set(),
    collapsed: new Set(),
    toggle(id) {
      const next = new Set(get().selected);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      set({ selected: next });
    },
    setMany(ids, on) {
      const next = new Set(get().selected);
      for (const id of ids) {
        if (on) next.add(id);
        else next.delete(id);
      }
      set({ selected: next });
    },
    clear() {
      if (get().selected.size > 0) set({ selected: new Set() });
    },
    retain(ids) {
      const current = get().selected;
      const kept = [...current].filter((id) => ids.has(id));
      if (kept.length !== current.size) set({ selected: new Set(kept) });
    },
    toggleCollapsed(project) {
      const next = new Set(get().collapsed);
      if (next.has(project)) next.delete(project);
      else next.add(project);
      set({ collapsed: next });
    },
  }));
}
