import { z } from 'zod';
import { defineCall, defineStream } from './contract-kit.js';
import { engineMapSchema, writableLayerSchema } from './engine-map-types.js';
import { engineEventSchema } from './engine-types.js';

const noInput = z.strictObject({});

/**
 * Contract entries for the engine map: images as layer stacks, containers with their writable
 * layer. Spread into `calls` and `streams` in contract.ts. Background reads, so no command is
 * shown for them: the view says what the map reads.
 */
export const engineMapCalls = {
  /** The map once. */
  'engine.map': defineCall({ input: noInput, output: engineMapSchema }),
  /** A container's writable layer (what `docker diff` lists), its first `limit` entries. */
  'engine.mapWritableLayer': defineCall({
    input: z.strictObject({ id: z.string().min(1).max(256), limit: z.number().int().min(1).max(5000) }),
    output: writableLayerSchema,
  }),
  /** What the engine did in the last `seconds` (at most its last 1000 events): the events timeline's start. */
  'engine.recentEvents': defineCall({
    input: z.strictObject({ seconds: z.number().int().min(1).max(3600) }),
    output: z.array(engineEventSchema),
  }),
} as const;

export const engineMapStreams = {
  /** The map now, then again whenever an image or container comes, goes, changes tags or state. */
  'engine.mapWatch': defineStream({ input: noInput, message: engineMapSchema }),
} as const;
