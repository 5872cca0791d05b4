import { z } from 'zod';
import { defineCall, defineStream } from './contract-kit.js';
import {
  connectionStatusSchema,
  containerSummarySchema,
  engineEventSchema,
  imageSummarySchema,
} from './engine-types.js';
import { terminalOutputSchema } from './terminal-types.js';

/** A container ID (full or short) or name, as the engine accepts them. */
export const containerRefSchema = z
  .string()
  .min(1, 'A container ID or name is required')
  .max(128)
  .regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/, 'Not a container ID or name');

export const terminalSessionIdSchema = z.string().regex(/^[a-zA-Z0-9-]{8,64}$/, 'Not a terminal session ID');

const nothing = z.null();
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
  'engine.status': defineCall({ input: noInput, output: connectionStatusSchema, cli: () => 'docker version' }),
  'engine.reconnect': defineCall({ input: noInput, output: connectionStatusSchema, cli: () => 'docker info' }),

  'containers.list': defineCall({
    input: noInput,
    output: z.array(containerSummarySchema),
    cli: () => 'docker ps --all --no-trunc',
  }),
  'containers.start': defineCall({ input: byContainer, output: nothing, cli: (i) => `docker start ${i.id}` }),
  'containers.stop': defineCall({
    input: z.strictObject({ id: containerRefSchema, timeoutSeconds: z.number().int().min(0).max(3600).optional() }),
    output: nothing,
    cli: (i) => `docker stop${i.timeoutSeconds === undefined ? '' : ` --time ${i.timeoutSeconds}`} ${i.id}`,
  }),
  'containers.restart': defineCall({ input: byContainer, output: nothing, cli: (i) => `docker restart ${i.id}` }),
  'containers.remove': defineCall({
    input: z.strictObject({
      id: containerRefSchema,
      force: z.boolean().optional(),
      removeVolumes: z.boolean().optional(),
    }),
    output: nothing,
    cli: (i) => `docker rm${i.force ? ' --force' : ''}${i.removeVolumes ? ' --volumes' : ''} ${i.id}`,
  }),

  'images.list': defineCall({ input: noInput, output: z.array(imageSummarySchema), cli: () => 'docker images' }),

  'terminal.open': defineCall({
    input: z.strictObject({
      containerId: containerRefSchema,
      /** `auto` tries bash and falls back to sh. */
      shell: z.enum(['auto', 'bash', 'sh']),
      cols,
      rows,
    }),
    output: z.object({ sessionId: terminalSessionIdSchema, shell: z.string() }),
    cli: (i) => `docker exec -it ${i.containerId} ${i.shell === 'auto' ? 'bash' : i.shell}`,
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
  /** The connection's status now, then every change. */
  'engine.status': defineStream({ input: noInput, message: connectionStatusSchema }),
  /** The engine's events, followed across engine restarts. */
  'engine.events': defineStream({ input: noInput, message: engineEventSchema, cli: () => 'docker events' }),
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

/** The `docker` command a call equals, for teaching; undefined when there is none. */
export function cliEquivalent<K extends CallName>(name: K, input: CallInput<K>): string | undefined {
  const def = calls[name] as { cli?: (i: CallInput<K>) => string };
  return def.cli?.(input);
}
