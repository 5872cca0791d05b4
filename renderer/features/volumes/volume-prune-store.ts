import { createStore, type StoreApi } from 'zustand/vanilla';
import { volumeLabelFilterProblem, type VolumePrunePreview, type VolumeRemoval, type VolumeSummary } from '../../../shared/volume-types.js';
import type { ActionRunner } from '../activity/action-runner.js';
import { removalReport } from './volume-store-kit.js';
import { errorText } from '../../lib/error-text.js';
import { plural } from '../../lib/plural.js';

export interface VolumePruneState {
  phase: 'closed' | 'loading' | 'preview' | 'removing' | 'done' | 'error';
  /** The label filter as typed (`key` or `key=value`); empty for none. */
  labelDraft: string;
  /** Why the typed filter cannot be used, shown beside it. */
  labelProblem: string | null;
  /** The filter the shown preview was made with. */
  label: string | null;
  preview: VolumePrunePreview | null;
  /** The names that will be removed: anonymous ones start ticked, named ones never do. */
  ticked: ReadonlySet<string>;
  results: readonly VolumeRemoval[] | null;
  error: string | null;
  /** Opens the panel with a fresh preview, without a label filter. */
  open(): Promise<void>;
  setLabelDraft(text: string): void;
  /** A new preview narrowed to the typed label (or not narrowed, when empty). */
  applyLabel(): Promise<void>;
  toggle(name: string): void;
  /** Ticks (or unticks) every named volume of the preview at once. */
  tickNamed(on: boolean): void;
  confirm(): Promise<void>;
  close(): void;
}
export type VolumePruneStore = StoreApi<VolumePruneState>;

/** The ticked volumes, anonymous first, in the preview's order: exactly what `confirm` removes. */
export function tickedVolumes(s: Pick<VolumePruneState, 'preview' | 'ticked'>): VolumeSummary[] {
  if (!s.preview) return [];
  return [...s.preview.anonymous, ...s.preview.named].filter((v) => s.ticked.has(v.name));
}

const closed = {
  phase: 'closed',
  labelDraft: '',
  labelProblem: null,
  label: null,
  preview: null,
  ticked: new Set<string>(),
  results: null,
  error: null,
} as const;

/**
 * Prune unused volumes: a preview (optionally narrowed to a label) with anonymous volumes ticked
 * and named ones not, then removal of exactly the ticked ones; the main process re-checks each
 * against the creation time the preview showed.
 */
export function createVolumePruneStore(run: ActionRunner, onChanged: () => void): VolumePruneStore {
  let generation = 0;

  return createStore<VolumePruneState>()((set, get) => {
    const load = async (label: string | null): Promise<void> => {
      const mine = ++generation;
      set({ phase: 'loading', label, preview: null, ticked: new Set(), results: null, error: null });
      try {
        const preview = await run('volumes.prunePreview', label ? { label } : {}, {
          quiet: true,
          describe: (p) => `${plural(p.anonymous.length, 'anonymous volume')}, ${plural(p.named.length, 'named volume')} unused`,
        });
        if (mine === generation) set({ phase: 'preview', preview, ticked: new Set(preview.anonymous.map((v) => v.name)) });
      } catch (error) {
        if (mine === generation) set({ phase: 'error', error: errorText(error) });
      }
    };

    return {
      ...closed,
      open: () => {
        set({ labelDraft: '', labelProblem: null });
        return load(null);
      },
      setLabelDraft: (text) => set({ labelDraft: text, labelProblem: null }),
      async applyLabel() {
        if (get().phase === 'removing') return;
        const label = get().labelDraft.trim();
        const problem = volumeLabelFilterProblem(label);
        if (problem !== null) {
          set({ labelProblem: problem });
          return;
        }
        await load(label === '' ? null : label);
      },
      toggle(name) {
        if (get().phase !== 'preview') return;
        const next = new Set(get().ticked);
        if (!next.delete(name)) next.add(name);
        set({ ticked: next });
      },
      tickNamed(on) {
        const { phase, preview, ticked } = get();
        if (phase !== 'preview' || !preview) return;
        const next = new Set(ticked);
        for (const v of preview.named) {
          if (on) next.add(v.name);
          else next.delete(v.name);
        }
        set({ ticked: next });
      },
      async confirm() {
        const state = get();
        const targets = tickedVolumes(state);
        if (state.phase !== 'preview' || targets.length === 0) return;
        const mine = ++generation;
        set({ phase: 'removing' });
        try {
          // Exactly the ticked names, each with the creation time the preview showed: the main
          // process skips one made again since, or taken up by a container meanwhile.
          const results = await run(
            'volumes.prune',
            { volumes: targets.map((v) => ({ name: v.name, createdAt: v.createdAt })) },
            { quiet: true, ...removalReport },
          );
          if (mine === generation) set({ phase: 'done', results });
        } catch (error) {
          if (mine === generation) set({ phase: 'error', error: errorText(error) });
        }
        onChanged();
      },
      close() {
        generation++;
        set({ ...closed, ticked: new Set() });
      },
    };
  });
}
