import { createStore, type StoreApi } from 'zustand/vanilla';
import type { VolumeRemoval, VolumeSummary } from '../../../shared/volume-types.js';
import type { ActionRunner } from '../activity/action-runner.js';
import { removalReport } from './volume-store-kit.js';
import { errorText } from '../../lib/error-text.js';

export interface RemoveVolumesRequest {
  volumes: readonly VolumeSummary[];
  busy: boolean;
  /** One volume: the engine's refusal, in its words. */
  refusal: string | null;
  /** Many volumes: what became of each, when not all went. */
  results: readonly VolumeRemoval[] | null;
}

export interface RemoveVolumesState {
  request: RemoveVolumesRequest | null;
  ask(volumes: readonly VolumeSummary[]): void;
  cancel(): void;
  confirm(): Promise<void>;
}
export type RemoveVolumesStore = StoreApi<RemoveVolumesState>;

/** Remove one or many volumes, after the confirmation dialog. */
export function createVolumeRemoveStore(run: ActionRunner, onChanged: () => void): RemoveVolumesStore {
  return createStore<RemoveVolumesState>()((set, get) => ({
    request: null,
    ask: (volumes) => set({ request: volumes.length === 0 ? null : { volumes, busy: false, refusal: null, results: null } }),
    cancel: () => set({ request: null }),
    async confirm() {
      const request = get().request;
      if (!request || request.busy) return;
      set({ request: { ...request, busy: true, refusal: null, results: null } });
      const [only] = request.volumes;
      if (request.volumes.length === 1 && only) {
        try {
          await run('volumes.remove', { name: only.name }, { quiet: true });
          if (get().request?.volumes === request.volumes) set({ request: null });
        } catch (error) {
          if (get().request?.volumes === request.volumes) set({ request: { ...request, busy: false, refusal: errorText(error) } });
        }
        onChanged();
        return;
      }
      try {
        const results = await run('volumes.removeMany', { names: request.volumes.map((v) => v.name) }, { quiet: true, ...removalReport });
        if (get().request?.volumes !== request.volumes) return;
        set({ request: results.every((r) => r.removed) ? null : { ...request, busy: false, results } });
      } catch (error) {
        if (get().request?.volumes === request.volumes) set({ request: { ...request, busy: false, refusal: errorText(error) } });
      }
      onChanged();
    },
  }));
}
