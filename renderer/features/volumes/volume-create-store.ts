import { createStore, type StoreApi } from 'zustand/vanilla';
import type { CreateVolumeInput, CreateVolumeResult } from '../../../shared/volume-types.js';
import type { ActionRunner } from '../activity/action-runner.js';
import { errorText } from '../../lib/error-text.js';

export interface CreateVolumeState {
  open: boolean;
  busy: boolean;
  /** The engine's refusal (or a bad field), shown in the dialog. */
  error: string | null;
  /** Which input field the error is about, when it is about one. */
  errorField: string | null;
  /** The last volume made here, for a short note once the dialog closes. */
  created: CreateVolumeResult | null;
  openDialog(): void;
  close(): void;
  /** True when the volume exists afterwards; the dialog then closes. */
  submit(input: CreateVolumeInput): Promise<boolean>;
}
export type CreateVolumeStore = StoreApi<CreateVolumeState>;

/** The create dialog: open or not, busy, the engine's refusal, and the last volume made. */
export function createVolumeCreateStore(run: ActionRunner, onChanged: () => void): CreateVolumeStore {
  return createStore<CreateVolumeState>()((set, get) => ({
    open: false,
    busy: false,
    error: null,
    errorField: null,
    created: null,
    openDialog: () => set({ open: true, busy: false, error: null, errorField: null, created: null }),
    close: () => set({ open: false, busy: false, error: null, errorField: null }),
    async submit(input) {
      if (get().busy) return false;
      set({ busy: true, error: null, errorField: null });
      try {
        const created = await run('volumes.create', input, {
          quiet: true,
          describe: (r) => (r.alreadyExisted ? `${r.name} already existed: kept as it was` : `created ${r.name}`),
        });
        set({ open: false, busy: false, created });
        onChanged();
        return true;
      } catch (error) {
        const path = typeof error === 'object' && error !== null ? (error as { path?: unknown }).path : undefined;
        const field = Array.isArray(path) && typeof path[0] === 'string' ? path[0] : null;
        set({ busy: false, error: errorText(error), errorField: field });
        return false;
      }
    },
  }));
}
