import { z } from 'zod';
import { defineCall, defineStream } from './contract-kit.js';
import { containerRefSchema } from './container-ref.js';
import { logBatchSchema, logFlowIdSchema } from './container-detail-types.js';

/**
 * A container's logs and their flow control (spread into `calls` and `streams` in contract.ts). A client that asks for
 * `flowControl` gets a flow id in the first batch and acknowledges the bytes it has drawn; while
 * too many are unacknowledged the server drops to the tail and later says how many lines it skipped.
 */
export const logsCalls = {
  /** The client has drawn this many more bytes of the log flow. */
  'containers.logsAck': defineCall({
    input: z.strictObject({
      flow: logFlowIdSchema,
      bytes: z
        .number()
        .int()
        .min(0)
        .max(1 << 30),
    }),
    output: z.null(),
  }),
} as const;

export const logsStreams = {
  /** A container's logs: the last `tail` lines, then (with follow) new output as it comes. */
  'containers.logs': defineStream({
    input: z.strictObject({
      id: containerRefSchema,
      tail: z.number().int().min(0).max(100_000),
      follow: z.boolean(),
      timestamps: z.boolean().optional(),
      /** Unix seconds. */
      since: z.number().int().min(0).optional(),
      /** The client acknowledges drawn bytes (`containers.logsAck`); the server drops to the tail when it falls behind. */
      flowControl: z.boolean().optional(),
    }),
    message: logBatchSchema,
    cliArgs: (i) => [
      'docker',
      'logs',
      '--tail',
      String(i.tail),
      ...(i.follow ? ['--follow'] : []),
      ...(i.timestamps ? ['--timestamps'] : []),
      ...(i.since ? ['--since', String(i.since)] : []),
      i.id,
    ],
  }),
} as const;
