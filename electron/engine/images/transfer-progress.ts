import type { LayerPhase, LayerTransfer, TransferProgress } from '../../../shared/image-types.js';
import { isLayerFinished, isLayerReused, layerFraction } from '../../../shared/transfer-fraction.js';

/** One line of the engine's pull or push JSON stream. */
export interface RawProgressLine {
  status?: string;
  id?: string;
  progressDetail?: { current?: number; total?: number };
  error?: string;
  errorDetail?: { message?: string; code?: number };
  aux?: { Tag?: string; Digest?: string; Size?: number };
}

/** The engine's per-layer status words and what they mean; anything else is not about a layer. */
const phaseOf: ReadonlyArray<[RegExp, LayerPhase]> = [
  [/^Pulling fs layer$/, 'waiting'],
  [/^Waiting$/, 'waiting'],
  [/^Preparing$/, 'waiting'],
  [/^Retrying in \d+ seconds?$/, 'retrying'],
  [/^Downloading$/, 'downloading'],
  [/^Verifying Checksum$/, 'verifying'],
  [/^Download complete$/, 'downloaded'],
  [/^Extracting$/, 'extracting'],
  [/^Pull complete$/, 'complete'],
  [/^Pushing$/, 'pushing'],
  [/^Pushed$/, 'complete'],
  [/^(?:Layer )?[Aa]lready exists$/, 'already-exists'],
  [/^Mounted from /, 'mounted'],
];

interface LayerState extends LayerTransfer {
  /** Size of the transfer (download or upload), once the engine said it. */
  bytes: number | null;
}

/**
 * Folds the engine's pull/push lines into per-layer state and an overall estimate. Pure: the
 * caller decides when to send a snapshot.
 */
export class TransferProgressTracker {
  private readonly layers = new Map<string, LayerState>();
  private lastStatus: string | null = null;
  /** The engine said the transfer is over (its digest or final status line). */
  private ended = false;
  digest: string | null = null;
  size: number | null = null;
  upToDate = false;
  error: string | null = null;

  constructor(private readonly kind: 'pull' | 'push') {}

  /** Applies one line; returns true when it changed what a snapshot shows. */
  apply(line: RawProgressLine): boolean {
    if (line.error !== undefined || line.errorDetail?.message !== undefined) {
      this.error = line.errorDetail?.message ?? line.error ?? 'The engine reported an error';
      return false;
    }
    if (line.aux) {
      if (line.aux.Digest) this.digest = line.aux.Digest;
      if (typeof line.aux.Size === 'number') this.size = line.aux.Size;
      return false;
    }
    const status = line.status ?? '';
    const phase = line.id ? phaseOf.find(([re]) => re.test(status))?.[1] : undefined;
    if (line.id && phase) {
      this.applyLayer(line.id, phase, status, line.progressDetail);
      return true;
    }
    const digest = /^(?:Digest: |.*: digest: )(sha256:[0-9a-f]{64})/.exec(status);
    if (digest?.[1]) this.digest = digest[1];
    if (digest?.[1] || status.startsWith('Status: ')) this.ended = true;
    if (/^Status: Image is up to date/.test(status)) this.upToDate = true;
    if (status === '') return false;
    // "Pulling from team/app" comes with the tag as its id; the card already shows the reference.
    this.lastStatus = line.id && !phase && !status.startsWith('Pulling from ') ? `${line.id}: ${status}` : status;
    return true;
  }

  snapshot(): TransferProgress {
    const layers = [...this.layers.values()];
    let bytesDone = 0;
    let bytesTotal = 0;
    let weight = 0;
    let toTransfer = 0;
    for (const layer of layers) {
      if (isLayerReused(layer.phase)) continue;
      // The bar measures the work left to do: layers the engine already had are not part of it.
      toTransfer++;
      weight += layerFraction(layer, this.kind);
      if (layer.bytes === null) continue;
      bytesTotal += layer.bytes;
      bytesDone += this.transferredBytes(layer);
    }
    return {
      type: 'progress',
      layers: layers.map(({ id, phase, current, total, retryInSeconds }) => ({
        id,
        phase,
        current,
        total,
        ...(retryInSeconds !== undefined ? { retryInSeconds } : {}),
      })),
      overall: {
        layersDone: layers.filter((l) => isLayerFinished(l.phase)).length,
        layersTotal: layers.length,
        bytesDone,
        bytesTotal,
        fraction: toTransfer > 0 ? weight / toTransfer : this.ended && layers.length > 0 ? 1 : 0,
      },
      status: this.lastStatus,
    };
  }

  private applyLayer(id: string, phase: LayerPhase, status: string, detail: RawProgressLine['progressDetail']): void {
    const layer: LayerState = this.layers.get(id) ?? { id, phase, current: null, total: null, bytes: null };
    const previous = layer.phase;
    layer.phase = phase;
    delete layer.retryInSeconds;
    this.layers.set(id, layer);
    if (phase === 'retrying') {
      // The bytes so far stay on show: the engine resumes where the broken download stopped.
      layer.retryInSeconds = Number(/\d+/.exec(status)?.[0] ?? 0);
      if (previous !== 'downloading' && previous !== 'pushing' && previous !== 'retrying') layer.current = layer.total = null;
      return;
    }
    const current = typeof detail?.current === 'number' ? detail.current : null;
    const total = current !== null && typeof detail?.total === 'number' && detail.total > 0 ? detail.total : null;
    layer.total = total;
    if (phase === 'downloading' && current !== null && total !== null) {
      let count = current;
      // After "Retrying", the engine asks the registry for the rest only and counts that range
      // from zero: "current 20 kB of total 1.9 MB" of a 3.1 MB layer means 1.2 MB were kept.
      if (layer.bytes !== null && total < layer.bytes) {
        count = layer.bytes - total + current;
        layer.total = layer.bytes;
      } else layer.bytes = total;
      // A whole count is not believed until the next line: when a download breaks, the engine
      // closes its progress reader, which reports the layer whole ("2.06 MB / 2.06 MB") just
      // before "Retrying"; a snapshot sent in between would show the bar full, then fall back.
      // A download that really finished says "Verifying Checksum" next, which counts as whole.
      if (count < (layer.total ?? Infinity)) layer.current = count;
    } else layer.current = current;
    if (phase === 'pushing' && current !== null && total !== null) {
      layer.bytes = total;
      // The engine's total is the layer's content size; it counts the tar it uploads, headers and
      // all, so its count overshoots ("3.0 MB / 2.0 MB"). Never show more than the whole.
      layer.current = Math.min(current, total);
    }
  }

  private transferredBytes(layer: LayerState): number {
    if (layer.phase === 'downloading' || layer.phase === 'pushing' || layer.phase === 'retrying')
      return Math.min(layer.current ?? 0, layer.bytes ?? 0);
    if (layer.phase === 'waiting') return 0;
    return layer.bytes ?? 0;
  }
}
