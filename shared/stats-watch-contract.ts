import { z } from 'zod';
import { defineCall, defineStream } from './contract-kit.js';
import { containerRefSchema } from './container-ref.js';
import { statsSampleSchema } from './container-detail-types.js';

/**
 * Live stats of many containers over one stream (the containers table's CPU and memory column).
 * One stream per page, whose set of containers changes with `containers.statsWatchSet`, rather
 * than one stream per row: a page may hold 64 streams, and 50 rows on screen would take most of
 * them. The server still opens one engine stats stream per container, shared with every other
 * client watching it.
 */

/** Names one stats watch (sent in the stream's first message); only the client that opened it may change it. */
export const statsWatchIdSchema = z.string().regex(/^[0-9a-f]{32}$/, 'Expected a stats watch id');

/** Containers one watch may follow at once: more rows than a screen shows. */
export const maxWatchedContainers = 64;

const watchedIdsSchema = z
  .array(containerRefSchema)
  .max(maxWatchedContainers, `A stats watch follows at most ${maxWatchedContainers} containers at once`);

export const statsWatchMessageSchema = z.object({
  /** In the first message only: the id to change this stream's containers under. */
  watch: statsWatchIdSchema.optional(),
  /** In the first message only: the containers the watch follows (the ids asked for, less those refused at once). */
  watching: z.array(z.string()).optional(),
  /** The newest sample of each container that has one since the last message. */
  samples: z.array(z.object({ id: z.string(), sample: statsSampleSchema })),
  /** Containers this watch no longer follows, and why (stopped, removed, refused): no samples come for them until set again. */
  ended: z.array(z.object({ id: z.string(), reason: z.string() })),
});
export type StatsWatchMessage = z.infer<typeof statsWatchMessageSchema>;

export const statsWatchCalls = {
  /** Replaces the containers a stats watch follows; answers with those it follows now. */
  'containers.statsWatchSet': defineCall({
    input: z.strictObject({ watch: statsWatchIdSchema, ids: watchedIdsSchema }),
    output: z.object({ watching: z.array(z.string()) }),
  }),
} as const;

export const statsWatchStreams = {
  /** Stats of the containers in `ids` (changed later with containers.statsWatchSet), a sample a second each, batched. */
  'containers.statsWatch': defineStream({
    input: z.strictObject({ ids: watchedIdsSchema }),
    message: statsWatchMessageSchema,
  }),
} as const;
