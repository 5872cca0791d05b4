import type { ImageSummary } from '../../../shared/engine-types.js';
import { shortId } from '../../lib/short-id.js';

export const none = '<none>';

/** One line of `docker images`: an image appears once per repo:tag it carries. */
export interface ImageRow {
  /** Unique among rows: the reference plus the image ID. */
  key: string;
  /** What the row is called for assistive technology: `repo:tag`, or `<none>:<none> <short id>`. */
  label: string;
  repository: string;
  tag: string;
  imageId: string;
  shortId: string;
  created: number;
  size: number;
  dangling: boolean;
}

/** Splits `registry:5000/team/app:1.2` at the tag colon, not the port colon. */
export function splitReference(reference: string): { repository: string; tag: string } {
  const slash = reference.lastIndexOf('/');
  const colon = reference.lastIndexOf(':');
  if (colon > slash) return { repository: reference.slice(0, colon), tag: reference.slice(colon + 1) };
  return { repository: reference, tag: none };
}

function row(image: ImageSummary, repository: string, tag: string): ImageRow {
  const id = shortId(image.id);
  const reference = `${repository}:${tag}`;
  return {
    key: `${reference}@${image.id}`,
    label: tag === none ? `${reference} ${id}` : reference,
    repository,
    tag,
    imageId: image.id,
    shortId: id,
    created: image.created,
    size: image.size,
    dangling: repository === none,
  };
}

/** The rows `docker images` prints for one image: one per repo:tag it carries. */
export function rowsOfImage(image: ImageSummary): ImageRow[] {
  const tags = image.repoTags.filter((t) => t !== '<none>:<none>');
  if (tags.length > 0) {
    return tags.map((tag) => {
      const ref = splitReference(tag);
      return row(image, ref.repository, ref.tag);
    });
  }
  // Untagged but pulled by digest: docker shows the repository with a <none> tag.
  const digestRepos = new Set(image.repoDigests.filter((d) => d !== '<none>@<none>').map((d) => d.slice(0, d.indexOf('@'))));
  if (digestRepos.size > 0) return [...digestRepos].map((repository) => row(image, repository, none));
  return [row(image, none, none)];
}

/** Newest first, then by repository and tag. */
export function compareImageRows(a: ImageRow, b: ImageRow): number {
  return b.created - a.created || a.repository.localeCompare(b.repository) || a.tag.localeCompare(b.tag);
}

/** The rows `docker images` prints for these images, newest first. */
export function imageRows(images: readonly ImageSummary[]): ImageRow[] {
  return images.flatMap(rowsOfImage).sort(compareImageRows);
}

/** Disk used by the distinct images behind these rows (an image with two tags counts once). */
export function totalSize(rows: readonly ImageRow[]): number {
  const seen = new Set<string>();
  let sum = 0;
  for (const r of rows) {
    if (seen.has(r.imageId)) continue;
    seen.add(r.imageId);
    sum += r.size;
  }
  return sum;
}
