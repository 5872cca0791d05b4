import { createStore, type StoreApi } from 'zustand/vanilla';

/** Networks ticked for bulk remove, by ID: two networks may share a name. */
export interface SelectionState {
  selected: ReadonlySet<string>;
  toggle(id: string): void;
  setMany(ids: readonly string[], on: boolean): void;
  clear(): void;
  /** Forgets selected IDs no longer listed. */
  retain(ids: ReadonlySet<string>): void;
}
export type SelectionStore = StoreApi<SelectionState>;

export function createSelectionStore(): SelectionStore {
  return createStore<SelectionState>()((set, get) => ({
    selected: new Set(),
    toggle(id) {
      const next = new Set(get().selected);
      if (!next.delete(id)) next.add(id);
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
  }));
}
