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

/** A container some action asked to show (a run's new container); `seq` changes on every request. */
export interface ContainerRevealRequest {
  id: string;
  name: string;
  seq: number;
}

export interface ContainerRevealState {
  request: ContainerRevealRequest | null;
  /** Asks the containers view to select this container and show its detail (now, or when it is next shown). */
  reveal(c: { id: string; name: string }): void;
}

export type ContainerRevealStore = StoreApi<ContainerRevealState>;

export function createContainerRevealStore(): ContainerRevealStore {
  return createStore<ContainerRevealState>()((set, get) => ({
    request: null,
    reveal: (c) => set({ request: { id: c.id, name: c.name, seq: (get().request?.seq ?? 0) + 1 } }),
  }));
}

/**
 * Hands each reveal request to `show` once: one made before the containers view was mounted when it
 * mounts, later ones as they come. Returns the unsubscriber (the view's effect clean-up).
 */
export function followContainerReveals(reveal: ContainerRevealStore, show: (c: { id: string; name: string }) => void): () => void {
  const take = (request: ContainerRevealRequest | null): void => {
    if (!request) return;
    reveal.setState({ request: null });
    show({ id: request.id, name: request.name });
  };
  take(reveal.getState().request);
  return reveal.subscribe((s) => take(s.request));
}
