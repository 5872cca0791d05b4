import type { ImageLayers, LocalImage } from './layer-index.js';

/** How a UI names an image: its first tag, else its short ID. */
export function imageLabel(image: { id: string; repoTags: string[] }): string {
  return image.repoTags[0] ?? image.id.replace(/^sha256:/, '').slice(0, 12);
}

function sumSizes(image: ImageLayers, include: (chain: string) => boolean): number | null {
  let total = 0;
  for (const [i, chain] of image.chains.entries()) {
    if (!include(chain)) continue;
    const size = image.layerSizes[i];
    if (size === null || size === undefined) return null;
    total += size;
  }
  return total;
}

export interface LayerShare {
  /** For each chain ID of the image: the other images that hold it too. */
  sharedWith: Map<string, string[]>;
  uniqueSize: number | null;
  sharedSize: number | null;
}

/** Which of an image's layers other local images hold too, and how many bytes are its alone. */
export function layerShare(image: ImageLayers, others: readonly LocalImage[]): LayerShare {
  const sharedWith = new Map<string, string[]>(image.chains.map((c) => [c, []]));
  for (const other of others) {
    if (other.id === image.id) continue;
    for (const chain of other.chains) sharedWith.get(chain)?.push(imageLabel(other));
  }
  const isShared = (chain: string): boolean => (sharedWith.get(chain)?.length ?? 0) > 0;
  return { sharedWith, uniqueSize: sumSizes(image, (c) => !isShared(c)), sharedSize: sumSizes(image, isShared) };
}

/** Whether `base`'s layers are a strict prefix of `image`'s (chain IDs include everything below). */
function buildsOn(image: ImageLayers, base: ImageLayers): boolean {
  const n = base.chains.length;
  return n > 0 && n < image.chains.length && image.chains[n - 1] === base.chains[n - 1];
}

/**
 * Images an image builds on, and images that build on it: by layer prefix (works for pulled
 * images) and by the legacy builder's parent links (which also catch metadata-only children).
 * `parents` maps every local image ID, intermediate ones included, to its parent ID.
 */
export function imageFamily(
  image: ImageLayers,
  others: readonly LocalImage[],
  parents: ReadonlyMap<string, string>,
): { bases: LocalImage[]; children: LocalImage[] } {
  const ancestorsOf = (id: string): Set<string> => {
    const seen = new Set<string>();
    for (let p = parents.get(id); p && !seen.has(p); p = parents.get(p)) seen.add(p);
    return seen;
  };
  const mine = ancestorsOf(image.id);
  const bases: LocalImage[] = [];
  const children: LocalImage[] = [];
  for (const other of others) {
    if (other.id === image.id) continue;
    if (mine.has(other.id) || buildsOn(image, other)) bases.push(other);
    else if (buildsOn(other, image) || ancestorsOf(other.id).has(image.id)) children.push(other);
  }
  return { bases, children };
}

export interface PrunePlan {
  /** Bytes each candidate alone would give back (null when its layer sizes are unknown). */
  reclaimable: Map<string, number | null>;
  /** Bytes the whole prune gives back: layers of candidates that no survivor holds, once each. */
  total: number;
}

/** What pruning `candidates` would free while `survivors` stay. */
export function planPrune(candidates: readonly LocalImage[], survivors: readonly LocalImage[]): PrunePlan {
  const kept = new Set(survivors.flatMap((s) => s.chains));
  const reclaimable = new Map<string, number | null>();
  const freed = new Map<string, number | null>();
  let wholeImages = 0;
  for (const c of candidates) {
    const goes = (chain: string): boolean => !kept.has(chain);
    let bytes = sumSizes(c, goes);
    // Sizes unknown but nothing shared: the whole image goes.
    if (bytes === null && c.chains.every(goes)) {
      bytes = c.size;
      wholeImages += c.size;
    }
    reclaimable.set(c.id, bytes);
    for (const [i, chain] of c.chains.entries()) {
      if (goes(chain) && !freed.has(chain)) freed.set(chain, c.layerSizes[i] ?? null);
    }
  }
  // Layers of unknown size count only through a whole image above; the rest is a lower bound.
  const total = [...freed.values()].reduce<number>((a, b) => a + (b ?? 0), wholeImages);
  return { reclaimable, total };
}
