import { createStore, type StoreApi } from 'zustand/vanilla';

/** Rows ticked in a list for a bulk action, by a key that is unique in that list (an ID, a volume's name). */
export interface RowSelectionState {
  selected: ReadonlySet<string>;
  toggle(key: string): void;
  setMany(keys: readonly string[], on: boolean): void;
  clear(): void;
  /** Forgets keys that are no longer listed (the object is gone). */
  retain(keys: ReadonlySet<string>): void;
}

export type RowSelectionStore = StoreApi<RowSelectionState>;

type SetState<S> = StoreApi<S>['setState'];

/** The selection part of a store, for stores that hold more beside it (see the containers view). */
export function rowSelectionSlice<S extends RowSelectionState>(set: SetState<S>, get: () => S): RowSelectionState {
  const replace = (selected: ReadonlySet<string>): void => set({ selected } as Partial<S>);
  return {
    selected: new Set(),
    toggle(key) {
      const next = new Set(get().selected);
      if (!next.delete(key)) next.add(key);
      replace(next);
    },
    setMany(keys, on) {
      const next = new Set(get().selected);
      for (const key of keys) {
        if (on) next.add(key);
        else next.delete(key);
      }
      replace(next);
    },
    clear() {
      if (get().selected.size > 0) replace(new Set());
    },
    retain(keys) {
      const current = get().selected;
      const kept = [...current].filter((key) => keys.has(key));
      if (kept.length !== current.size) replace(new Set(kept));
    },
  };
}

export function createRowSelectionStore(): RowSelectionStore {
  return createStore<RowSelectionState>()((set, get) => rowSelectionSlice(set, get));
}
