import { z } from 'zod';

/** One batch of log output: chunks in arrival order, each tagged with its stream. */
export const logChunkSchema = z.object({
  stream: z.enum(['stdout', 'stderr']),
  data: z.custom<Uint8Array>((v) => v instanceof Uint8Array, 'Expected bytes'),
});
/** Names one flow-controlled logs stream (see `containers.logsAck`). */
export const logFlowIdSchema = z.string().regex(/^[0-9a-f]{32}$/, 'Expected a log flow id');

export const logBatchSchema = z.object({
  chunks: z.array(logChunkSchema),
  /** In the first batch of a stream opened with `flowControl`: the id to acknowledge bytes under. */
  flow: logFlowIdSchema.optional(),
  /**
   * Lines the server skipped before these chunks because the client fell behind (drop to the
   * tail rather than queue without bound); a line counts when any of its bytes were dropped.
   */
  skipped: z.object({ stdout: z.number().int().min(0), stderr: z.number().int().min(0) }).optional(),
});
export type LogChunk = z.infer<typeof logChunkSchema>;
export type LogBatch = z.infer<typeof logBatchSchema>;

/** One stats sample, already reduced to what `docker stats` shows. */
export const statsSampleSchema = z.object({
  /** Milliseconds since the epoch. */
  time: z.number(),
  /** Percent of one CPU times the number of CPUs (like `docker stats`); null on the first sample. */
  cpuPercent: z.number().nullable(),
  memoryUsage: z.number(),
  memoryLimit: z.number(),
  networkRx: z.number(),
  networkTx: z.number(),
  blockRead: z.number(),
  blockWrite: z.number(),
  pids: z.number(),
});
export type StatsSample = z.infer<typeof statsSampleSchema>;

/** A path in the container's writable layer and what happened to it (`docker diff`). */
export const filesystemChangeSchema = z.object({
  path: z.string(),
  kind: z.enum(['changed', 'added', 'deleted']),
});
export type FilesystemChange = z.infer<typeof filesystemChangeSchema>;

export const processListSchema = z.object({
  titles: z.array(z.string()),
  processes: z.array(z.array(z.string())),
});
export type ProcessList = z.infer<typeof processListSchema>;

/** The engine's inspect document, passed through as JSON. */
export const jsonValueSchema: z.ZodType<unknown> = z.unknown();
