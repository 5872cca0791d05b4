import { z } from 'zod';
import { defineCall } from './contract-kit.js';
import { containerRefSchema } from './container-ref.js';
import { terminalSessionIdSchema } from './terminal-contract.js';
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

/** An image reference the engine has: `busybox`, `busybox:1.36`, `localhost:5000/tools/busybox@sha256:…`. */
const imageRefSchema = z
  .string()
  .min(1, 'Choose a toolbox image')
  .max(255)
  .regex(/^[a-zA-Z0-9][a-zA-Z0-9._/:@-]*$/, 'Not an image reference (such as busybox or busybox:1.36)');

/** Contract entries for robot-ready runs: Run again, debug shells. Spread into `calls` in contract.ts. */
export const robotRunCalls = {
  'containers.runSpec': defineCall({
    input: z.strictObject({ id: containerRefSchema }),
    output: runAgainSchema,
    cliArgs: (i) => ['docker', 'inspect', i.id],
  }),
  /**
   * A shell for a container that has none: a toolbox container from `image` (one the engine has)
   * joining its PID and network namespaces; its files are under /proc/1/root. Removed when the
   * session ends. Input, output, resize and close go through the terminal.* entries.
   */
  'terminal.debugShell': defineCall({
    input: z.strictObject({
      containerId: containerRefSchema,
      image: imageRefSchema,
      cols: z.number().int().min(2).max(1000),
      rows: z.number().int().min(1).max(500),
    }),
    output: z.object({ sessionId: terminalSessionIdSchema, shell: z.string() }),
    cliArgs: (i) => [
      'docker',
      'run',
      '-it',
      '--rm',
      '--pid',
      `container:${i.containerId}`,
      '--network',
      `container:${i.containerId}`,
      i.image,
      'sh',
    ],
  }),
} as const;
