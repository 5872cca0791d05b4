import { createStore, type StoreApi } from 'zustand/vanilla';

export const detailTabs = ['Logs', 'Stats', 'Inspect', 'Changes', 'Processes', 'Files'] as const;
export type DetailTab = (typeof detailTabs)[number];

export interface ContainerDetailState {
  /** The container the detail pane shows, if open. */
  containerId: string | null;
  /** Its name when opened, so a removed container can still be named. */
  containerName: string;
  tab: DetailTab;
  /** The lifecycle diagram as the user last set it; null: open only where it fits (see lifecycle-box.tsx). */
  lifecycleOpen: boolean | null;
  open(c: { id: string; name: string }): void;
  close(): void;
  setTab(tab: DetailTab): void;
  setLifecycleOpen(open: boolean): void;
}

export type ContainerDetailStore = StoreApi<ContainerDetailState>;

export function createContainerDetailStore(): ContainerDetailStore {
  return createStore<ContainerDetailState>()((set) => ({
    containerId: null,
    containerName: '',
    tab: 'Logs',
    lifecycleOpen: null,
    open: (c) => set({ containerId: c.id, containerName: c.name }),
    close: () => set({ containerId: null }),
    setTab: (tab) => set({ tab }),
    setLifecycleOpen: (lifecycleOpen) => set({ lifecycleOpen }),
  }));
}
