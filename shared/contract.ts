import { z } from 'zod';
import { defineCall, defineStream } from './contract-kit.js';
import { containerRefSchema } from './container-ref.js';
import {
  connectionStatusSchema,
  containerSummarySchema,
  engineEventSchema,
  imageSummarySchema,
} from './engine-types.js';
import { terminalOutputSchema } from './terminal-types.js';
import { imageCalls, imageStreams } from './image-contract.js';
import { filesCalls, filesStreams } from './files-contract.js';
import { logsCalls } from './logs-contract.js';
import { volumeCalls } from './volume-contract.js';
import { networkCalls } from './network-contract.js';
import { runSpecSchema } from './run-spec.js';
import { dockerRunWords } from './docker-run-format.js';
import {
  filesystemChangeSchema,
  jsonValueSchema,
  logBatchSchema,
  processListSchema,
  statsSampleSchema,
} from './container-detail-types.js';

export { containerRefSchema };

/** A new container name, as `docker rename` accepts it. */
export const containerNameSchema = z
  .string()
  .regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,127}$/, 'Use letters, digits, _ . or - (and start with a letter or digit)');

/** An image repository, optionally with a registry host: `ros`, `osrf/ros`, `localhost:5000/robot/base`. */
export const repositorySchema = z
  .string()
  .max(255)
  .regex(
    /^(?:[a-zA-Z0-9.-]+(?::\d+)?\/)?[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/,
    'Not a valid repository name (lowercase letters, digits, separators; optional registry host first)',
  );
export const tagSchema = z.string().regex(/^[\w][\w.-]{0,127}$/, 'Not a valid tag (letters, digits, _ . -, at most 128)');

/** A signal name or number, as `docker kill --signal` takes it. */
const signalSchema = z.string().regex(/^(?:SIG)?[A-Z0-9+-]{1,16}$|^\d{1,2}$/, 'Not a signal name (e.g. SIGTERM, KILL, 9)');

export const terminalSessionIdSchema = z.string().regex(/^[a-zA-Z0-9-]{8,64}$/, 'Not a terminal session ID');

const nothing = z.null();
const terminalOpenedSchema = z.object({ sessionId: terminalSessionIdSchema, shell: z.string() });
const noInput = z.strictObject({});
const byContainer = z.strictObject({ id: containerRefSchema });

/** Terminal size in character cells; bounded so a bad client cannot ask the engine for nonsense. */
const cols = z.number().int().min(2).max(1000);
const rows = z.number().int().min(1).max(500);

/**
 * The one list of everything the renderer can ask of the main side. The Electron IPC handlers,
 * the preload bridge and the WebSocket server are all generated from it.
 */
export const calls = {
  'engine.status': defineCall({ input: noInput, output: connectionStatusSchema, cliArgs: () => ['docker', 'version'] }),
  'engine.reconnect': defineCall({ input: noInput, output: connectionStatusSchema, cliArgs: () => ['docker', 'info'] }),

  'containers.list': defineCall({
    input: noInput,
    output: z.array(containerSummarySchema),
    cliArgs: () => ['docker', 'ps', '--all', '--no-trunc'],
  }),
  'containers.start': defineCall({ input: byContainer, output: nothing, cliArgs: (i) => ['docker', 'start', i.id] }),
  'containers.stop': defineCall({
    input: z.strictObject({ id: containerRefSchema, timeoutSeconds: z.number().int().min(0).max(3600).optional() }),
    output: nothing,
    cliArgs: (i) => ['docker', 'stop', ...(i.timeoutSeconds === undefined ? [] : ['--time', String(i.timeoutSeconds)]), i.id],
  }),
  'containers.restart': defineCall({ input: byContainer, output: nothing, cliArgs: (i) => ['docker', 'restart', i.id] }),
  'containers.remove': defineCall({
    input: z.strictObject({
      id: containerRefSchema,
      force: z.boolean().optional(),
      removeVolumes: z.boolean().optional(),
    }),
    output: nothing,
    cliArgs: (i) => ['docker', 'rm', ...(i.force ? ['--force'] : []), ...(i.removeVolumes ? ['--volumes'] : []), i.id],
  }),

  /** `docker run` (start: true) or `docker create` (start: false) from the run form. */
  'containers.run': defineCall({
    input: z.strictObject({ spec: runSpecSchema, start: z.boolean() }),
    output: z.object({ id: z.string(), name: z.string(), started: z.boolean(), startError: z.string().optional() }),
    cliArgs: (i) => dockerRunWords(i.spec, i.start),
  }),
  'containers.pause': defineCall({ input: byContainer, output: nothing, cliArgs: (i) => ['docker', 'pause', i.id] }),
  'containers.unpause': defineCall({ input: byContainer, output: nothing, cliArgs: (i) => ['docker', 'unpause', i.id] }),
  'containers.kill': defineCall({
    input: z.strictObject({ id: containerRefSchema, signal: signalSchema.optional() }),
    output: nothing,
    cliArgs: (i) => ['docker', 'kill', ...(i.signal ? ['--signal', i.signal] : []), i.id],
  }),
  'containers.rename': defineCall({
    input: z.strictObject({ id: containerRefSchema, name: containerNameSchema }),
    output: nothing,
    cliArgs: (i) => ['docker', 'rename', i.id, i.name],
  }),
  'containers.inspect': defineCall({ input: byContainer, output: jsonValueSchema, cliArgs: (i) => ['docker', 'inspect', i.id] }),
  'containers.changes': defineCall({ input: byContainer, output: z.array(filesystemChangeSchema), cliArgs: (i) => ['docker', 'diff', i.id] }),
  'containers.top': defineCall({ input: byContainer, output: processListSchema, cliArgs: (i) => ['docker', 'top', i.id] }),
  'containers.commit': defineCall({
    input: z.strictObject({
      id: containerRefSchema,
      repository: repositorySchema,
      tag: tagSchema.optional(),
      message: z.string().max(10_000).optional(),
      author: z.string().max(500).optional(),
      /** Pause the container while committing (the engine's default, as with `docker commit`). */
      pause: z.boolean().optional(),
    }),
    output: z.object({ imageId: z.string() }),
    cliArgs: (i) => [
      'docker',
      'commit',
      ...(i.message ? ['--message', i.message] : []),
      ...(i.author ? ['--author', i.author] : []),
      ...(i.pause === false ? ['--pause=false'] : []),
      i.id,
      i.tag ? `${i.repository}:${i.tag}` : i.repository,
    ],
  }),

  'images.list': defineCall({ input: noInput, output: z.array(imageSummarySchema), cliArgs: () => ['docker', 'images'] }),
  ...imageCalls,
  ...filesCalls,
  ...logsCalls,
  ...volumeCalls,
  ...networkCalls,

  'terminal.open': defineCall({
    input: z.strictObject({
      containerId: containerRefSchema,
      /** `auto` tries bash and falls back to sh. */
      shell: z.enum(['auto', 'bash', 'sh']),
      user: z.string().regex(/^[\w.-]+(?::[\w.-]+)?$/, 'A user name or UID, optionally :group').optional(),
      workdir: z.string().regex(/^\//, 'The working directory must be an absolute path').optional(),
      env: z.array(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*=/, 'Environment entries look like NAME=value')).max(100).optional(),
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
  /** The container's main process, like `docker attach` (detach with Ctrl-P Ctrl-Q). */
  'terminal.attach': defineCall({
    input: z.strictObject({ containerId: containerRefSchema, cols, rows }),
    output: terminalOpenedSchema,
    cliArgs: (i) => ['docker', 'attach', i.containerId],
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
    input: z.strictObject({ sessionId: terminalSessionIdSchema, bytes: z.number().int().min(0).max(1 << 30) }),
    output: nothing,
  }),
  'terminal.close': defineCall({ input: z.strictObject({ sessionId: terminalSessionIdSchema }), output: nothing }),
} as const;

export const streams = {
  ...imageStreams,
  ...filesStreams,
  /** The connection's status now, then every change. */
  'engine.status': defineStream({ input: noInput, message: connectionStatusSchema }),
  /** The engine's events, followed across engine restarts. */
  'engine.events': defineStream({ input: noInput, message: engineEventSchema, cliArgs: () => ['docker', 'events'] }),
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
  /** Live resource use of one container, one sample a second. */
  'containers.stats': defineStream({ input: byContainer, message: statsSampleSchema, cliArgs: (i) => ['docker', 'stats', i.id] }),
  /** A terminal's output bytes, then one exit message. */
  'terminal.output': defineStream({
    input: z.strictObject({ sessionId: terminalSessionIdSchema }),
    message: terminalOutputSchema,
  }),
} as const;

export type Calls = typeof calls;
export type Streams = typeof streams;
export type CallName = keyof Calls;
export type StreamName = keyof Streams;
export type CallInput<K extends CallName> = z.input<Calls[K]['input']>;
export type CallOutput<K extends CallName> = z.output<Calls[K]['output']>;
export type StreamInput<K extends StreamName> = z.input<Streams[K]['input']>;
export type StreamMessage<K extends StreamName> = z.output<Streams[K]['message']>;

export const callNames = Object.keys(calls) as CallName[];
export const streamNames = Object.keys(streams) as StreamName[];

export function isCallName(name: unknown): name is CallName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(calls, name);
}

export function isStreamName(name: unknown): name is StreamName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(streams, name);
}

/** The `docker` command line a call equals, quoted for a POSIX shell, for teaching; undefined when there is none. */
export function cliEquivalent<K extends CallName>(name: K, input: CallInput<K>): string | undefined {
  const def = calls[name] as { cli?: (i: CallInput<K>) => string };
  return def.cli?.(input);
}

/** The `docker` command line a stream equals, quoted for a POSIX shell; undefined when there is none. */
export function streamCliEquivalent<K extends StreamName>(name: K, input: StreamInput<K>): string | undefined {
  const def = streams[name] as { cli?: (i: StreamInput<K>) => string };
  return def.cli?.(input);
}
