import { z } from 'zod';
import { defineStream } from './contract-kit.js';
import { containerSummarySchema, imageSummarySchema } from './engine-types.js';
import { networkSummarySchema } from './network-types.js';
import { volumeSummarySchema } from './volume-types.js';

/**
 * What a watch stream sends: the whole list once (and again after each reconnection, to
 * reconcile), then only what changed. Items are keyed by `liveKeyOf` (id; a volume's name).
 * - `snapshot`: replace everything held with these items; the list is live.
 * - `patch`: insert or replace `upsert` (by key), drop the keys in `remove`. Patches are coalesced
 *   per frame on the server; the first after a quiet spell goes out at once.
 * - `stale`: the engine cannot be reached; keep showing the items, marked as not live, until the
 *   next snapshot.
 * Container items carry only `listedContainerLabels` of their labels.
 */
export function liveListMessageSchema<T extends z.ZodType>(item: T) {
  return z.discriminatedUnion('t', [
    z.object({ t: z.literal('snapshot'), items: z.array(item) }),
    z.object({ t: z.literal('patch'), upsert: z.array(item), remove: z.array(z.string()) }),
    z.object({ t: z.literal('stale'), reason: z.string() }),
  ]);
}

export type LiveListMessage<T> =
  { t: 'snapshot'; items: T[] } | { t: 'patch'; upsert: T[]; remove: string[] } | { t: 'stale'; reason: string };

/** The key a live list item is stored under: volumes have no id, their name is the key. */
export function liveKeyOf(item: { id: string } | { name: string; id?: undefined }): string {
  return item.id ?? item.name;
}

/**
 * The only labels a `containers.watch` item carries: the ones the containers list groups by. The
 * rest (Compose puts a dozen long ones on each container) are in `containers.inspect`.
 */
export const listedContainerLabels: readonly string[] = [
  'com.docker.compose.project',
  'com.docker.compose.service',
  // The Stacks view: where the project's files are, and which replica a container is.
  'com.docker.compose.project.working_dir',
  'com.docker.compose.project.config_files',
  'com.docker.compose.container-number',
];

const noInput = z.strictObject({});

/**
 * The engine's objects, watched: one model per engine in the server (list once, follow events,
 * read only what changed), shared by every client that subscribes.
 */
export const liveStreams = {
  'containers.watch': defineStream({
    input: noInput,
    message: liveListMessageSchema(containerSummarySchema),
    cliArgs: () => ['docker', 'ps', '--all'],
  }),
  'images.watch': defineStream({ input: noInput, message: liveListMessageSchema(imageSummarySchema), cliArgs: () => ['docker', 'images'] }),
  'volumes.watch': defineStream({
    input: noInput,
    message: liveListMessageSchema(volumeSummarySchema),
    cliArgs: () => ['docker', 'volume', 'ls'],
  }),
  'networks.watch': defineStream({
    input: noInput,
    message: liveListMessageSchema(networkSummarySchema),
    cliArgs: () => ['docker', 'network', 'ls'],
  }),
} as const;
