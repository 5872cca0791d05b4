import { z } from 'zod';
import { defineCall } from './contract-kit.js';
import { logFlowIdSchema } from './container-detail-types.js';

/**
 * Flow control of `containers.logs` (spread into `calls` in contract.ts). A client that asks for
 * `flowControl` gets a flow id in the first batch and acknowledges the bytes it has drawn; while
 * too many are unacknowledged the server drops to the tail and later says how many lines it skipped.
 */
export const logsCalls = {
  /** The client has drawn this many more bytes of the log flow. */
  'containers.logsAck': defineCall({
    input: z.strictObject({ flow: logFlowIdSchema, bytes: z.number().int().min(0).max(1 << 30) }),
    output: z.null(),
  }),
} as const;
