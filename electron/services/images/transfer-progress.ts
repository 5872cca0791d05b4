import type { LayerPhase, LayerTransfer, TransferProgress } from '../../../shared/image-types.js';

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
  [/^Retrying in /, 'waiting'],
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

const finished = new Set<LayerPhase>(['complete', 'already-exists', 'mounted']);
const notTransferred = new Set<LayerPhase>(['already-exists', 'mounted']);

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
      this.applyLayer(line.id, phase, line.progressDetail);
      return true;
    }
    const digest = /^(?:Digest: |.*: digest: )(sha256:[0-9a-f]{64})/.exec(status);
    if (digest?.[1]) this.digest = digest[1];
    if (/^Status: Image is up to date/.test(status)) this.upToDate = true;
    if (status === '') return false;
    this.lastStatus = line.id && !phase ? `${line.id}: ${status}` : status;
    return true;
  }

  snapshot(): TransferProgress {
    const layers = [...this.layers.values()];
    let bytesDone = 0;
    let bytesTotal = 0;
    let weight = 0;
    for (const layer of layers) {
      weight += this.layerFraction(layer);
      if (layer.bytes === null || notTransferred.has(layer.phase)) continue;
      bytesTotal += layer.bytes;
      bytesDone += this.transferredBytes(layer);
    }
    return {
      type: 'progress',
      layers: layers.map(({ id, phase, current, total }) => ({ id, phase, current, total })),
      overall: {
        layersDone: layers.filter((l) => finished.has(l.phase)).length,
        layersTotal: layers.length,
        bytesDone,
        bytesTotal,
        fraction: layers.length === 0 ? 0 : weight / layers.length,
      },
      status: this.lastStatus,
    };
  }

  private applyLayer(id: string, phase: LayerPhase, detail: RawProgressLine['progressDetail']): void {
    const layer = this.layers.get(id) ?? { id, phase, current: null, total: null, bytes: null };
    const hasBytes = typeof detail?.current === 'number';
    layer.phase = phase;
    layer.current = hasBytes ? (detail?.current ?? null) : null;
    layer.total = hasBytes && typeof detail?.total === 'number' && detail.total > 0 ? detail.total : null;
    if ((phase === 'downloading' || phase === 'pushing') && layer.total !== null) layer.bytes = layer.total;
    this.layers.set(id, layer);
  }

  private transferredBytes(layer: LayerState): number {
    if (layer.phase === 'downloading' || layer.phase === 'pushing') return Math.min(layer.current ?? 0, layer.bytes ?? 0);
    if (layer.phase === 'waiting') return 0;
    return layer.bytes ?? 0;
  }

  /** How far one layer is, 0..1: for pulls, downloading is 70% of the work and extracting 30%. */
  private layerFraction(layer: LayerState): number {
    const part = layer.current !== null && layer.total ? Math.min(1, layer.current / layer.total) : 0;
    switch (layer.phase) {
      case 'waiting':
        return 0;
      case 'downloading':
        return 0.7 * part;
      case 'pushing':
        return this.kind === 'push' ? part : 0.7 * part;
      case 'verifying':
      case 'downloaded':
        return 0.7;
      case 'extracting':
        return 0.7 + 0.3 * part;
      default:
        return 1;
    }
  }
}
