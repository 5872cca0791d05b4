import { createStore, type StoreApi } from 'zustand/vanilla';
import { formatSize } from '../../lib/format-size.js';
import type { ActionRunner } from '../activity/action-runner.js';
import { errorText } from '../../lib/error-text.js';
import { plural } from '../../lib/plural.js';

export interface VolumeSizesState {
  measuring: boolean;
  /** Unix ms of the last measurement; null before the first. */
  measuredAt: number | null;
  sizes: Readonly<Record<string, number | null>>;
  error: string | null;
  measure(): Promise<void>;
}
export type VolumeSizesStore = StoreApi<VolumeSizesState>;

/** Sizes, measured only when asked (`docker system df -v` is slow on big hosts). */
export function createVolumeSizesStore(run: ActionRunner): VolumeSizesStore {
  return createStore<VolumeSizesState>()((set, get) => ({
    measuring: false,
    measuredAt: null,
    sizes: {},
    error: null,
    async measure() {
      if (get().measuring) return;
      set({ measuring: true, error: null });
      try {
        const r = await run(
          'volumes.sizes',
          {},
          {
            quiet: true,
            describe: (x) =>
              `${plural(Object.keys(x.sizes).length, 'volume')} · ${formatSize(Object.values(x.sizes).reduce<number>((a, b) => a + (b ?? 0), 0))}`,
          },
        );
        set({ measuring: false, measuredAt: r.measuredAt, sizes: r.sizes });
      } catch (error) {
        set({ measuring: false, error: errorText(error) });
      }
    },
  }));
}
