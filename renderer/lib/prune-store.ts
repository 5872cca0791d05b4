import { createStore, type StoreApi } from 'zustand/vanilla';
import { errorText } from './error-text.js';

export type PrunePhase = 'closed' | 'loading' | 'preview' | 'pruning' | 'done' | 'error';

/**
 * A prune panel: a preview of exactly what would go, nothing changed until confirmed. Closing the
 * panel while it loads or prunes makes it stay closed: each step checks it is still the latest.
 */
export interface PruneState<Preview, Result> {
  phase: PrunePhase;
  preview: Preview | null;
  result: Result | null;
  error: string | null;
  open(): Promise<void>;
  confirm(): Promise<void>;
  close(): void;
}
export type PruneStore<Preview, Result> = StoreApi<PruneState<Preview, Result>>;

/** The calls behind one kind of prune. */
export interface PruneJob<Preview, Result> {
  preview(): Promise<Preview>;
  /** Prunes what this preview showed. */
  prune(preview: Preview): Promise<Result>;
  /** Whether the preview holds anything to prune; confirming an empty one does nothing. Default: yes. */
  hasWork?(preview: Preview): boolean;
  /** Runs after every prune, failed or not (a list reload). */
  afterPrune?(): void;
}

export function createPruneStore<Preview, Result>(job: PruneJob<Preview, Result>): PruneStore<Preview, Result> {
  let generation = 0;
  return createStore<PruneState<Preview, Result>>()((set, get) => ({
    phase: 'closed',
    preview: null,
    result: null,
    error: null,
    async open() {
      const mine = ++generation;
      set({ phase: 'loading', preview: null, result: null, error: null });
      try {
        const preview = await job.preview();
        if (mine === generation) set({ phase: 'preview', preview });
      } catch (error) {
        if (mine === generation) set({ phase: 'error', error: errorText(error) });
      }
    },
    async confirm() {
      const { phase, preview } = get();
      if (phase !== 'preview' || preview === null || !(job.hasWork?.(preview) ?? true)) return;
      const mine = ++generation;
      set({ phase: 'pruning' });
      try {
        const result = await job.prune(preview);
        if (mine === generation) set({ phase: 'done', result });
      } catch (error) {
        if (mine === generation) set({ phase: 'error', error: errorText(error) });
      }
      job.afterPrune?.();
    },
    close() {
      generation++;
      set({ phase: 'closed', preview: null, result: null, error: null });
    },
  }));
}
