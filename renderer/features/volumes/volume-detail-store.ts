import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ActionRunner } from '../activity/action-runner.js';
import { errorText } from '../../lib/error-text.js';

export interface VolumeDetailState {
  selected: string | null;
  inspect: { loading: boolean; value: unknown; error: string | null };
  select(name: string): void;
  close(): void;
  loadInspect(): Promise<void>;
}
export type VolumeDetailStore = StoreApi<VolumeDetailState>;

const noInspect = { loading: false, value: undefined, error: null };

/** The detail pane: which volume is open, and its inspect document (fetched when asked). */
export function createVolumeDetailStore(run: ActionRunner): VolumeDetailStore {
  return createStore<VolumeDetailState>()((set, get) => ({
    selected: null,
    inspect: noInspect,
    select: (name) => set(get().selected === name ? {} : { selected: name, inspect: noInspect }),
    close: () => set({ selected: null, inspect: noInspect }),
    async loadInspect() {
      const name = get().selected;
      if (name === null || get().inspect.loading) return;
      set({ inspect: { loading: true, value: undefined, error: null } });
      try {
        const value = await run('volumes.inspect', { name }, { quiet: true });
        if (get().selected === name) set({ inspect: { loading: false, value, error: null } });
      } catch (error) {
        if (get().selected === name) set({ inspect: { loading: false, value: undefined, error: errorText(error) } });
      }
    },
  }));
}
