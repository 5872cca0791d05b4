import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Failure, LayerTransfer, PullMessage, PushMessage, TransferProgress } from '../../../shared/image-types.js';
import type { BerthClient } from '../../api/client.js';
import { isLayerFinished, isLayerReused, layerFraction } from '../../../shared/transfer-fraction.js';
import { formatSize } from '../../lib/format-size.js';
import type { ActivityStore } from '../activity/activity-store.js';
import { runStream } from './stream-activity.js';

export type TransferKind = 'pull' | 'push';
export type TransferState = 'running' | 'done' | 'failed' | 'cancelled';

export interface Transfer {
  id: number;
  kind: TransferKind;
  reference: string;
  state: TransferState;
  layers: readonly LayerTransfer[];
  overall: TransferProgress['overall'] | null;
  /** The engine's last overall line. */
  status: string | null;
  error: Failure | null;
  /** One line once done: "Pulled, digest sha256:…", "Already up to date". */
  result: string | null;
}

export interface ImageTransfersState {
  transfers: readonly Transfer[];
  pull(reference: string): number;
  push(reference: string): number;
  cancel(id: number): void;
  dismiss(id: number): void;
}

export type ImageTransfersStore = StoreApi<ImageTransfersState> & { stop(): void };

/** `sha256:` and the first 12 hex digits, as docker prints short IDs. */
export function shortDigest(digest: string): string {
  const [algo, hex] = digest.split(':');
  return hex ? `${algo}:${hex.slice(0, 12)}` : digest;
}

/** How a layer's phase reads on its card; once the transfer was cancelled or failed, an unfinished layer says it stopped. */
export function layerLabel(layer: LayerTransfer, transferState: TransferState = 'running'): string {
  const bytes =
    layer.current !== null && layer.total !== null && layer.total > 0 ? ` ${formatSize(layer.current)} / ${formatSize(layer.total)}` : '';
  if ((transferState === 'cancelled' || transferState === 'failed') && !isLayerFinished(layer.phase)) {
    return `${transferState === 'cancelled' ? 'Cancelled' : 'Stopped'}${bytes ? ` at${bytes}` : ''}`;
  }
  switch (layer.phase) {
    case 'waiting':
      return 'Waiting';
    case 'retrying':
      return `Broke off${bytes}, retrying in ${layer.retryInSeconds ?? 0} s`;
    case 'downloading':
      return `Downloading${bytes}`;
    case 'verifying':
      return 'Verifying checksum';
    case 'downloaded':
      return 'Downloaded';
    case 'extracting':
      return `Extracting${bytes}`;
    case 'pushing':
      // The engine counts bytes handed to its socket: all of them may be "sent" long before the registry has them.
      return layer.current !== null && layer.total !== null && layer.current >= layer.total
        ? `Pushing${bytes}, waiting for the registry`
        : `Pushing${bytes}`;
    case 'complete':
      return 'Complete';
    case 'already-exists':
      return 'Already exists';
    case 'mounted':
      return 'Mounted from another repository';
  }
}

/** 0..1 for one layer, the same estimate the main side's overall bar uses. */
export { layerFraction };

export function isLayerDone(layer: LayerTransfer): boolean {
  return isLayerFinished(layer.phase);
}

/** Counts per kind of phase and the overall fraction, from the layers alone (the engine's overall is preferred when given). */
export function aggregateLayers(
  layers: readonly LayerTransfer[],
  kind: TransferKind,
): { waiting: number; active: number; done: number; reused: number; fraction: number } {
  let waiting = 0;
  let active = 0;
  let done = 0;
  let reused = 0;
  let sum = 0;
  for (const layer of layers) {
    if (layer.phase === 'waiting') waiting++;
    else if (isLayerDone(layer)) {
      done++;
      if (isLayerReused(layer.phase)) reused++;
    } else active++;
    if (!isLayerReused(layer.phase)) sum += layerFraction(layer, kind);
  }
  // Like the main side's estimate: layers the engine already had are no work to do.
  const toTransfer = layers.length - reused;
  return { waiting, active, done, reused, fraction: toTransfer === 0 ? 0 : sum / toTransfer };
}

/** The fraction the overall bar shows. */
export function overallFraction(transfer: Pick<Transfer, 'state' | 'overall' | 'layers' | 'kind'>): number {
  if (transfer.state === 'done') return 1;
  if (transfer.overall) return Math.max(0, Math.min(1, transfer.overall.fraction));
  return aggregateLayers(transfer.layers, transfer.kind).fraction;
}

export interface TransfersDeps {
  client: BerthClient;
  activity: ActivityStore;
  /** Progress snapshots are applied at most once per this many ms (default 100: ≤10 renders a second). */
  flushMs?: number;
}

/** Pulls and pushes in flight or finished: one card each, several at once. */
export function createImageTransfersStore({ client, activity, flushMs = 100 }: TransfersDeps): ImageTransfersStore {
  let nextId = 1;
  const cancels = new Map<number, () => void>();
  const pending = new Map<number, TransferProgress>();
  let timer: ReturnType<typeof setTimeout> | null = null;

  const store = createStore<ImageTransfersState>()((set, get) => {
    const update = (id: number, patch: Partial<Transfer>): void =>
      set((s) => ({ transfers: s.transfers.map((t) => (t.id === id ? { ...t, ...patch } : t)) }));

    const flush = (): void => {
      timer = null;
      if (pending.size === 0) return;
      const snapshots = new Map(pending);
      pending.clear();
      set((s) => ({
        transfers: s.transfers.map((t) => {
          const p = snapshots.get(t.id);
          return p && t.state === 'running' ? { ...t, layers: p.layers, overall: p.overall, status: p.status ?? t.status } : t;
        }),
      }));
    };
    const schedule = (): void => {
      if (timer === null) timer = setTimeout(flush, flushMs);
    };

    const start = (kind: TransferKind, reference: string): number => {
      const id = nextId++;
      const transfer: Transfer = {
        id,
        kind,
        reference,
        state: 'running',
        layers: [],
        overall: null,
        status: null,
        error: null,
        result: null,
      };
      set((s) => ({ transfers: [transfer, ...s.transfers] }));
      let result: string | null = null;
      const onMessage = (m: PullMessage | PushMessage): void => {
        if (m.type === 'progress') {
          pending.set(id, m);
          schedule();
        } else if (m.type === 'done') {
          flush();
          if ('upToDate' in m)
            result = m.upToDate ? 'Image is up to date' : `Pulled${m.digest ? ` · digest ${shortDigest(m.digest)}` : ''}`;
          else
            result = `Pushed${m.digest ? ` · digest ${shortDigest(m.digest)}` : ''}${m.size !== null ? ` · manifest ${formatSize(m.size)}` : ''}`;
          update(id, { state: 'done', result, layers: get().transfers.find((t) => t.id === id)?.layers ?? [] });
        } else {
          flush();
          update(id, { state: 'failed', error: m.error });
        }
      };
      const onEnd = (error?: { code: Failure['code']; message: string }): void => {
        cancels.delete(id);
        pending.delete(id);
        const t = get().transfers.find((x) => x.id === id);
        if (!t || t.state !== 'running') return;
        if (error) update(id, { state: 'failed', error: { code: error.code, reason: 'engine', message: error.message } });
        else update(id, { state: result !== null ? 'done' : 'cancelled', result });
      };
      const cancel =
        kind === 'pull'
          ? runStream(client, activity, 'images.pull', { reference }, { onMessage, onEnd, describe: () => result ?? 'done' })
          : runStream(client, activity, 'images.push', { reference }, { onMessage, onEnd, describe: () => result ?? 'done' });
      if (get().transfers.find((t) => t.id === id)?.state === 'running') cancels.set(id, cancel);
      return id;
    };

    return {
      transfers: [],
      pull: (reference) => start('pull', reference),
      push: (reference) => start('push', reference),
      cancel(id) {
        const cancel = cancels.get(id);
        if (!cancel) return;
        cancels.delete(id);
        pending.delete(id);
        update(id, { state: 'cancelled' });
        cancel();
      },
      dismiss(id) {
        get().cancel(id);
        set((s) => ({ transfers: s.transfers.filter((t) => t.id !== id) }));
      },
    };
  });
  return Object.assign(store, {
    stop() {
      for (const id of [...cancels.keys()]) store.getState().cancel(id);
      if (timer !== null) clearTimeout(timer);
      timer = null;
    },
  });
}
