import { createStore, type StoreApi } from 'zustand/vanilla';
import type { CreateVolumeInput, CreateVolumeResult, VolumeRemoval, VolumeSummary } from '../../../shared/volume-types.js';
import type { ActionRunner } from '../activity/action-runner.js';
import { formatSize } from '../../lib/format-size.js';

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));
const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

// ---------------------------------------------------------------------------------------------
// Create.
// ---------------------------------------------------------------------------------------------

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

export function createCreateVolumeStore(run: ActionRunner, onChanged: () => void): CreateVolumeStore {
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
        set({ busy: false, error: message(error), errorField: field });
        return false;
      }
    },
  }));
}

// ---------------------------------------------------------------------------------------------
// Remove one or many (asks first).
// ---------------------------------------------------------------------------------------------

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

export function createRemoveVolumesStore(run: ActionRunner, onChanged: () => void): RemoveVolumesStore {
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
          if (get().request?.volumes === request.volumes) set({ request: { ...request, busy: false, refusal: message(error) } });
        }
        onChanged();
        return;
      }
      try {
        const results = await run(
          'volumes.removeMany',
          { names: request.volumes.map((v) => v.name) },
          {
            quiet: true,
            describe: (r) => `${plural(r.filter((x) => x.removed).length, 'volume')} removed`,
            failedIf: (r) => (r.some((x) => !x.removed) ? `${plural(r.filter((x) => !x.removed).length, 'volume')} not removed` : undefined),
          },
        );
        if (get().request?.volumes !== request.volumes) return;
        set({ request: results.every((r) => r.removed) ? null : { ...request, busy: false, results } });
      } catch (error) {
        if (get().request?.volumes === request.volumes) set({ request: { ...request, busy: false, refusal: message(error) } });
      }
      onChanged();
    },
  }));
}

// ---------------------------------------------------------------------------------------------
// Prune unused: a preview of exactly which volumes, then removal of exactly those by name.
// ---------------------------------------------------------------------------------------------

export interface VolumePruneState {
  phase: 'closed' | 'loading' | 'preview' | 'removing' | 'done' | 'error';
  preview: readonly VolumeSummary[] | null;
  results: readonly VolumeRemoval[] | null;
  error: string | null;
  open(): Promise<void>;
  confirm(): Promise<void>;
  close(): void;
}
export type VolumePruneStore = StoreApi<VolumePruneState>;

export function createVolumePruneStore(run: ActionRunner, onChanged: () => void): VolumePruneStore {
  let generation = 0;
  return createStore<VolumePruneState>()((set, get) => ({
    phase: 'closed',
    preview: null,
    results: null,
    error: null,
    async open() {
      const mine = ++generation;
      set({ phase: 'loading', preview: null, results: null, error: null });
      try {
        const preview = await run('volumes.prunePreview', {}, { quiet: true, describe: (p) => `${plural(p.length, 'unused volume')}` });
        if (mine === generation) set({ phase: 'preview', preview });
      } catch (error) {
        if (mine === generation) set({ phase: 'error', error: message(error) });
      }
    },
    async confirm() {
      const { phase, preview } = get();
      if (phase !== 'preview' || !preview || preview.length === 0) return;
      const mine = ++generation;
      set({ phase: 'removing' });
      try {
        // Exactly the previewed names; the engine refuses any that a container took up meanwhile.
        const results = await run(
          'volumes.removeMany',
          { names: preview.map((v) => v.name) },
          {
            quiet: true,
            describe: (r) => `${plural(r.filter((x) => x.removed).length, 'volume')} removed`,
            failedIf: (r) => (r.some((x) => !x.removed) ? `${plural(r.filter((x) => !x.removed).length, 'volume')} not removed` : undefined),
          },
        );
        if (mine === generation) set({ phase: 'done', results });
      } catch (error) {
        if (mine === generation) set({ phase: 'error', error: message(error) });
      }
      onChanged();
    },
    close() {
      generation++;
      set({ phase: 'closed', preview: null, results: null, error: null });
    },
  }));
}

// ---------------------------------------------------------------------------------------------
// Sizes, measured only when asked (`docker system df -v` is slow on big hosts).
// ---------------------------------------------------------------------------------------------

export interface VolumeSizesState {
  measuring: boolean;
  /** Unix ms of the last measurement; null before the first. */
  measuredAt: number | null;
  sizes: Readonly<Record<string, number | null>>;
  error: string | null;
  measure(): Promise<void>;
}
export type VolumeSizesStore = StoreApi<VolumeSizesState>;

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
        const r = await run('volumes.sizes', {}, {
          quiet: true,
          describe: (x) => `${plural(Object.keys(x.sizes).length, 'volume')} · ${formatSize(Object.values(x.sizes).reduce<number>((a, b) => a + (b ?? 0), 0))}`,
        });
        set({ measuring: false, measuredAt: r.measuredAt, sizes: r.sizes });
      } catch (error) {
        set({ measuring: false, error: message(error) });
      }
    },
  }));
}

// ---------------------------------------------------------------------------------------------
// Selection for bulk removal.
// ---------------------------------------------------------------------------------------------

export interface VolumeSelectionState {
  selected: ReadonlySet<string>;
  toggle(name: string): void;
  setMany(names: readonly string[], on: boolean): void;
  clear(): void;
  /** Forgets volumes that are gone. */
  retain(names: ReadonlySet<string>): void;
}
export type VolumeSelectionStore = StoreApi<VolumeSelectionState>;

export function createVolumeSelectionStore(): VolumeSelectionStore {
  return createStore<VolumeSelectionState>()((set, get) => ({
    selected: new Set(),
    toggle(name) {
      const next = new Set(get().selected);
      if (!next.delete(name)) next.add(name);
      set({ selected: next });
    },
    setMany(names, on) {
      const next = new Set(get().selected);
      for (const n of names) {
        if (on) next.add(n);
        else next.delete(n);
      }
      set({ selected: next });
    },
    clear() {
      if (get().selected.size > 0) set({ selected: new Set() });
    },
    retain(names) {
      const current = get().selected;
      const kept = [...current].filter((n) => names.has(n));
      if (kept.length !== current.size) set({ selected: new Set(kept) });
    },
  }));
}

// ---------------------------------------------------------------------------------------------
// Detail pane: which volume is open, and its inspect document (fetched when asked).
// ---------------------------------------------------------------------------------------------

export interface VolumeDetailState {
  selected: string | null;
  inspect: { loading: boolean; value: unknown; error: string | null };
  select(name: string): void;
  close(): void;
  loadInspect(): Promise<void>;
}
export type VolumeDetailStore = StoreApi<VolumeDetailState>;

const noInspect = { loading: false, value: undefined, error: null };

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
        if (get().selected === name) set({ inspect: { loading: false, value: undefined, error: message(error) } });
      }
    },
  }));
}

export interface VolumeTools {
  detail: VolumeDetailStore;
  create: CreateVolumeStore;
  remove: RemoveVolumesStore;
  prune: VolumePruneStore;
  sizes: VolumeSizesStore;
  selection: VolumeSelectionStore;
}

/** `onChanged`: ask the volume list to reload (events do it too; this makes the change show at once). */
export function createVolumeTools(run: ActionRunner, onChanged: () => void): VolumeTools {
  return {
    detail: createVolumeDetailStore(run),
    create: createCreateVolumeStore(run, onChanged),
    remove: createRemoveVolumesStore(run, onChanged),
    prune: createVolumePruneStore(run, onChanged),
    sizes: createVolumeSizesStore(run),
    selection: createVolumeSelectionStore(),
  };
}
