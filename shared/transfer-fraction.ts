import type { LayerPhase, LayerTransfer } from './image-types.js';

/** A pull's download is this share of a layer's work; extracting is the rest. */
export const pullDownloadShare = 0.7;

/** Phases in which a layer needs no more work. */
export function isLayerFinished(phase: LayerPhase): boolean {
  return phase === 'complete' || phase === 'already-exists' || phase === 'mounted';
}

/** Layers the engine did not have to transfer (it or the registry already had them). */
export function isLayerReused(phase: LayerPhase): boolean {
  return phase === 'already-exists' || phase === 'mounted';
}

/**
 * How far one layer is, 0..1. One definition for the overall estimate (main side) and each
 * layer's bar (renderer), so the two never disagree: for pulls downloading is the first 70% and
 * extracting the rest; a push is its upload.
 */
export function layerFraction(layer: Pick<LayerTransfer, 'phase' | 'current' | 'total'>, kind: 'pull' | 'push'): number {
  const part = layer.current !== null && layer.total !== null && layer.total > 0 ? Math.min(1, layer.current / layer.total) : 0;
  const download = kind === 'pull' ? pullDownloadShare : 1;
  switch (layer.phase) {
    case 'waiting':
      return 0;
    case 'retrying':
    case 'downloading':
    case 'pushing':
      return download * part;
    case 'verifying':
    case 'downloaded':
      return download;
    case 'extracting':
      return pullDownloadShare + (1 - pullDownloadShare) * part;
    case 'complete':
    case 'already-exists':
    case 'mounted':
      return 1;
  }
}
