import type { ImageRow } from './image-rows.js';

/** Rows whose repository, tag or short ID contains every word of the filter. */
export function filterImages(rows: readonly ImageRow[], text: string): readonly ImageRow[] {
  const words = text.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return rows;
  return rows.filter((r) => {
    const haystack = `${r.repository}:${r.tag} ${r.shortId}`.toLowerCase();
    return words.every((w) => haystack.includes(w));
  });
}
