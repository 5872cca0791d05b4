import { z } from 'zod';
import { defineCall, defineStream } from './contract-kit.js';
import { containerRefSchema } from './container-ref.js';
import { terminalOutputSchema } from './terminal-types.js';
import { runSpecSchema } from './run-spec.js';
import { dockerRunWords } from './docker-run-format.js';

export const terminalSessionIdSchema = z.string().regex(/^[a-zA-Z0-9-]{8,64}$/, 'Not a terminal session ID');

const nothing = z.null();
const noInput = z.strictObject({});
const terminalOpenedSchema = z.object({ sessionId: terminalSessionIdSchema, shell: z.string() });

/** Terminal size in character cells; bounded so a bad client cannot ask the engine for nonsense. */
const cols = z.number().int().min(2).max(1000);
const rows = z.number().int().min(1).max(500);

/** Contract entries for terminals (container shells, attach, the host shell). Spread into `calls` and `streams` in contract.ts. */
export const terminalCalls = {
  'terminal.open': defineCall({
    input: z.strictObject({
      containerId: containerRefSchema,
      /** `auto` tries bash and falls back to sh. */
      shell: z.enum(['auto', 'bash', 'sh']),
      user: z
        .string()
        .regex(/^[\w.-]+(?::[\w.-]+)?$/, 'A user name or UID, optionally :group')
        .optional(),
      workdir: z.string().regex(/^\//, 'The working directory must be an absolute path').optional(),
      env: z
        .array(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*=/, 'Environment entries look like NAME=value'))
        .max(100)
        .optional(),
      cols,
      rows,
    }),
    output: terminalOpenedSchema,
    cliArgs: (i) => [
      'docker',
      'exec',
      '-it',
      ...(i.user ? ['--user', i.user] : []),
      ...(i.workdir ? ['--workdir', i.workdir] : []),
      ...(i.env ?? []).flatMap((e) => ['--env', e]),
      i.containerId,
      i.shell === 'auto' ? 'bash' : i.shell,
    ],
  }),
  /**
   * The container's main process, like `docker attach` (detach with Ctrl-P Ctrl-Q); with `start`,
   * like `docker start -a -i`: attached first, then started if it is not running, so no output is missed.
   */
  'terminal.attach': defineCall({
    input: z.strictObject({ containerId: containerRefSchema, cols, rows, start: z.boolean().optional() }),
    output: terminalOpenedSchema,
    cliArgs: (i) => (i.start ? ['docker', 'start', '-a', '-i', i.containerId] : ['docker', 'attach', i.containerId]),
  }),
  /**
   * `docker run -it`: creates the container with a TTY and open stdin, attaches to it, then starts
   * it; the session is the attached main process. A container that is created but does not start
   * is left in the created state, and the error names it.
   */
  'terminal.run': defineCall({
    input: z.strictObject({ spec: runSpecSchema, cols, rows }),
    output: terminalOpenedSchema.extend({ containerId: z.string(), containerName: z.string() }),
    cliArgs: (i) => dockerRunWords({ ...i.spec, interactive: true, tty: true }, 'attached'),
  }),
  /** A shell on the machine Berth runs on; refused unless terminal.capabilities allows it. */
  'terminal.openHost': defineCall({ input: z.strictObject({ cols, rows }), output: terminalOpenedSchema }),
  'terminal.capabilities': defineCall({
    input: noInput,
    output: z.object({ hostShell: z.object({ allowed: z.boolean(), reason: z.string() }) }),
  }),
  'terminal.input': defineCall({
    input: z.strictObject({ sessionId: terminalSessionIdSchema, data: z.string().max(1_000_000) }),
    output: nothing,
  }),
  'terminal.resize': defineCall({ input: z.strictObject({ sessionId: terminalSessionIdSchema, cols, rows }), output: nothing }),
  /** Flow control: the client has rendered this many more bytes of output. */
  'terminal.ack': defineCall({
    input: z.strictObject({
      sessionId: terminalSessionIdSchema,
      bytes: z
        .number()
        .int()
        .min(0)
        .max(1 << 30),
    }),
    output: nothing,
  }),
  'terminal.close': defineCall({ input: z.strictObject({ sessionId: terminalSessionIdSchema }), output: nothing }),
} as const;

export const terminalStreams = {
  /** A terminal's output bytes, then one exit message. */
  'terminal.output': defineStream({
    input: z.strictObject({ sessionId: terminalSessionIdSchema }),
    message: terminalOutputSchema,
  }),
} as const;
