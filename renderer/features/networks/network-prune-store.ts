import { createStore, type StoreApi } from 'zustand/vanilla';
import type { NetworkPrunePreview, NetworkRemoval } from '../../../shared/network-types.js';
import type { ActionRunner } from '../activity/action-runner.js';
import { messageOf } from './action-error.js';
import { networkCliRef } from './network-display.js';
import type { NetworksStore } from './networks-store.js';

/**
 * Prune: a preview of exactly which networks, then exactly those removed by ID. Closing the panel
 * while it loads or prunes makes it stay closed: each step checks it is still the latest.
 */
export interface PruneState {
  phase: 'closed' | 'loading' | 'preview' | 'pruning' | 'done' | 'error';
  preview: NetworkPrunePreview | null;
  results: readonly NetworkRemoval[] | null;
  error: string | null;
  open(): Promise<void>;
  confirm(): Promise<void>;
  close(): void;
}
export type PruneStore = StoreApi<PruneState>;

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

export function createPruneStore(run: ActionRunner, networks: NetworksStore): PruneStore {
  let generation = 0;
  return createStore<PruneState>()((set, get) => ({
    phase: 'closed',
    preview: null,
    results: null,
    error: null,
    async open() {
      const mine = ++generation;
      set({ phase: 'loading', preview: null, results: null, error: null });
      try {
        const preview = await run('networks.prunePreview', {}, { quiet: true, describe: (p) => plural(p.networks.length, 'unused network') });
        if (mine === generation) set({ phase: 'preview', preview });
      } catch (error) {
        if (mine === generation) set({ phase: 'error', error: messageOf(error) });
      }
    },
    async confirm() {
      const { preview, phase } = get();
      if (phase !== 'preview' || !preview || preview.networks.length === 0) return;
      const mine = ++generation;
      set({ phase: 'pruning' });
      const listed = networks.getState().items;
      try {
        const results = await run(
          'networks.prune',
          { networks: preview.networks.map((n) => n.id) },
          {
            quiet: true,
            shownAs: { networks: preview.networks.map((n) => networkCliRef(n, listed)) },
            describe: (r) => `pruned ${r.filter((x) => x.removed).length} of ${r.length}`,
            failedIf: (r) => (r.some((x) => !x.removed) ? `${plural(r.filter((x) => !x.removed).length, 'network')} kept` : undefined),
          },
        );
        if (mine === generation) set({ phase: 'done', results });
      } catch (error) {
        if (mine === generation) set({ phase: 'error', error: messageOf(error) });
      }
      networks.requestRefresh();
    },
    close() {
      generation++;
      set({ phase: 'closed', preview: null, results: null, error: null });
    },
  }));
}
