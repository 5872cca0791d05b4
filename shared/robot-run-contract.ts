import { z } from 'zod';
import { defineCall } from './contract-kit.js';
import { containerRefSchema } from './container-ref.js';
import { runSpecSchema } from './run-spec.js';

/** A container's settings read back into the run form (Run again). */
export const runAgainSchema = z.object({
  /** What `docker run` was told, without what the image or the engine supplied by themselves. */
  spec: runSpecSchema,
  /** Flags that made the container and that the form has no field for, as typed (`--read-only`, `--tmpfs /run`). */
  notCarried: z.array(z.string()),
  /** False when the image is gone: its CMD, ENV and labels could not be told apart and stay in the spec. */
  imageFound: z.boolean(),
});
export type RunAgain = z.infer<typeof runAgainSchema>;

/** Contract entries for robot-ready runs: Run again. Spread into `calls` in contract.ts. */
export const robotRunCalls = {
  'containers.runSpec': defineCall({
    input: z.strictObject({ id: containerRefSchema }),
    output: runAgainSchema,
    cliArgs: (i) => ['docker', 'inspect', i.id],
  }),
} as const;
