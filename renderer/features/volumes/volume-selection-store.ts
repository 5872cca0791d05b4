import { createStore, type StoreApi } from 'zustand/vanilla';

export interface VolumeSelectionState {
  selected: ReadonlySet<string>;
  toggle(name: string): void;
  setMany(names: readonly string[], on: boolean): void;
  clear(): void;
  /** Forgets volumes that are gone. */
  retain(names: ReadonlySet<string>): void;
}
export type VolumeSelectionStore = StoreApi<VolumeSelectionState>;

/** The list's ticked rows, for bulk removal. */
export function createVolumeSelectionStore(): VolumeSelectionStore {
  return createStore<VolumeSelectionState>()((set, get) => ({
    selected: new Set(),
    toggle(name) {
      const next = new Set(get().selected);
      if (!next.delete(name)) next.add(name);
      set({ selected: next });
    },
    setMany(names, on) {
      const next = new Set(get().selected);
      for (const n of names) {
        if (on) next.add(n);
        else next.delete(n);
      }
      set({ selected: next });
    },
    clear() {
      if (get().selected.size > 0) set({ selected: new Set() });
    },
    retain(names) {
      const current = get().selected;
      const kept = [...current].filter((n) => names.has(n));
      if (kept.length !== current.size) set({ selected: new Set(kept) });
    },
  }));
}
