import type { ImageRow } from './image-rows.js';

/** Small bases with a shell and `cat`, best first: a first Dockerfile's RUN and CMD work on each. */
const smallBases = ['busybox', 'alpine', 'debian', 'ubuntu'];

export interface Starter {
  /** The FROM image: one the engine has, or `busybox` (pulled on the first build) when it has none of the small bases. */
  base: string;
  /** True when the engine has the image: no pull needed. */
  local: boolean;
  text: string;
}

type Listed = Pick<ImageRow, 'repository' | 'tag' | 'dangling'>;

/**
 * The base for a first Dockerfile, from the images the engine has (`docker images`): a small known
 * base, plain names first (`alpine` before `someone/busybox`), so nothing is pulled.
 */
export function pickStarterBase(images: readonly Listed[]): string | null {
  let best: { reference: string; rank: number } | null = null;
  for (const image of images) {
    if (image.dangling || image.tag === '<none>') continue;
    const base = smallBases.indexOf(image.repository.slice(image.repository.lastIndexOf('/') + 1));
    if (base < 0) continue;
    const reference = `${image.repository}:${image.tag}`;
    // A plain name (an official image) before someone's namespaced one, then the smaller base.
    const rank = (image.repository.includes('/') ? 100 : 0) + base;
    if (!best || rank < best.rank || (rank === best.rank && reference < best.reference)) best = { reference, rank };
  }
  return best?.reference ?? null;
}

export function starterDockerfile(images: readonly Listed[]): Starter {
  const picked = pickStarterBase(images);
  const base = picked ?? 'busybox';
  return { base, local: picked !== null, text: `FROM ${base}\nRUN echo hello > /hello\nCMD ["cat", "/hello"]\n` };
}
