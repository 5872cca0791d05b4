import { createHash } from 'node:crypto';

/** One entry of /images/{id}/history, newest first. */
export interface RawHistoryEntry {
  Id: string;
  Created: number;
  CreatedBy: string;
  Tags: string[] | null;
  Size: number;
  Comment: string;
}

/** Instructions that only change the image's config; they never add a filesystem layer. */
const metadataOnly = new Set([
  'ENV',
  'CMD',
  'LABEL',
  'EXPOSE',
  'ENTRYPOINT',
  'USER',
  'VOLUME',
  'ARG',
  'STOPSIGNAL',
  'HEALTHCHECK',
  'SHELL',
  'ONBUILD',
  'MAINTAINER',
  'WORKDIR',
]);

/** The instruction as written, without the legacy builder's `/bin/sh -c #(nop) ` prefix. */
export function instructionOf(createdBy: string): string {
  const nop = /^\/bin\/sh -c #\(nop\)\s*/.exec(createdBy);
  if (nop) return createdBy.slice(nop[0].length).trim();
  // Legacy RUN steps are recorded as the shell command itself.
  if (createdBy.startsWith('/bin/sh -c ')) return `RUN ${createdBy.slice('/bin/sh -c '.length)}`;
  return createdBy.replace(/\s+# buildkit$/, '').trim();
}

/** Whether a history entry most likely added a filesystem layer (the API does not say). */
function likelyAddsLayer(entry: RawHistoryEntry): boolean {
  if (entry.Size > 0) return true;
  const keyword = /^([A-Z]+)\b/.exec(instructionOf(entry.CreatedBy))?.[1];
  return keyword === undefined || !metadataOnly.has(keyword);
}

/**
 * Which history entry added which layer. The API gives sizes per history entry and diff IDs per
 * layer, but not the link: entries that add a layer are matched in order with RootFS.Layers.
 * Returns, per history entry (newest first), the index in RootFS.Layers of the layer it added or
 * null, or undefined when the counts do not agree under any reading (sizes per layer unknown).
 * Indexes, not diff IDs: two empty layers have the same diff ID.
 */
export function pairHistoryWithLayers(history: readonly RawHistoryEntry[], layerCount: number): Array<number | null> | undefined {
  const oldestFirst = [...history].reverse();
  for (const addsLayer of [likelyAddsLayer, (e: RawHistoryEntry) => e.Size > 0]) {
    const flags = oldestFirst.map(addsLayer);
    if (flags.filter(Boolean).length !== layerCount) continue;
    let next = 0;
    const paired = flags.map((adds) => (adds ? next++ : null));
    return paired.reverse();
  }
  return undefined;
}

/**
 * Chain IDs identify a layer together with everything below it, which is what the engine stores
 * once on disk: the same diff on two different bases is two layers, the same chain is one.
 */
export function chainIds(diffIds: readonly string[]): string[] {
  const out: string[] = [];
  let previous: string | undefined;
  for (const diffId of diffIds) {
    previous = previous === undefined ? diffId : `sha256:${createHash('sha256').update(`${previous} ${diffId}`).digest('hex')}`;
    out.push(previous);
  }
  return out;
}
