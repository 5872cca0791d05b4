import type { ContainerSummary, ImageSummary } from '../../../shared/engine-types.js';
import type { EngineMap, MapImage, MapLayer } from '../../../shared/engine-map-types.js';
import { instructionOf } from '../images/history-layers.js';
import type { ImageLayers } from '../images/layer-index.js';
import { toRpcError } from '../to-rpc-error.js';

export interface CommitOrigin {
  containerId: string;
  containerName: string;
}

export interface MapParts {
  live: boolean;
  images: readonly ImageSummary[];
  containers: readonly ContainerSummary[];
  /** Each image's layers by image ID, or why they could not be read. */
  layers: ReadonlyMap<string, ImageLayers | { error: unknown }>;
  /** Images a commit made, by image ID. */
  commits: ReadonlyMap<string, CommitOrigin>;
}

/** The instruction that made each layer (by index in RootFS.Layers), from the history paired with the layers. */
function instructionsByLayer(layers: ImageLayers): Map<number, string> {
  const out = new Map<number, string>();
  for (const entry of layers.history) if (entry.layer !== null) out.set(entry.layer, instructionOf(entry.CreatedBy));
  return out;
}

/**
 * The map from what the live model holds and the layer index read: every layer once (by chain
 * ID), images with their chains, containers with their image. Sorted by ID, so two maps of the
 * same engine state are equal.
 */
export function assembleMap(parts: MapParts): EngineMap {
  const layers = new Map<string, MapLayer>();
  const images: MapImage[] = [];
  for (const summary of [...parts.images].sort((a, b) => a.id.localeCompare(b.id))) {
    const read = parts.layers.get(summary.id);
    const committedFrom = parts.commits.get(summary.id);
    const image: MapImage = {
      id: summary.id,
      tags: summary.repoTags,
      created: summary.created,
      size: summary.size,
      chain: [],
      ...(committedFrom ? { committedFrom } : {}),
    };
    if (!read) image.unreadable = 'Not read yet';
    else if ('error' in read) image.unreadable = toRpcError(read.error).message;
    else {
      image.chain = read.chains;
      const instructions = instructionsByLayer(read);
      read.chains.forEach((chainId, i) => {
        if (layers.has(chainId)) return;
        layers.set(chainId, {
          chainId,
          diffId: read.diffIds[i] ?? '',
          size: read.layerSizes[i] ?? null,
          createdBy: instructions.get(i) ?? '',
        });
      });
    }
    images.push(image);
  }
  const containers = [...parts.containers]
    .sort((a, b) => a.id.localeCompare(b.id))
    .map((c) => ({ id: c.id, name: c.name, imageId: c.imageId, image: c.image, state: c.state }));
  return { live: parts.live, layers: [...layers.values()].sort((a, b) => a.chainId.localeCompare(b.chainId)), images, containers };
}
