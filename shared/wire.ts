import { z } from 'zod';
import { engineIdSchema } from './engine-spec.js';
import { rpcErrorSchema } from './errors.js';

/**
 * Messages of the WebSocket transport (encoded with MessagePack so byte arrays travel as bytes).
 * The Electron transport carries the same stream messages (`StreamEvent`) on its stream channel;
 * its calls and subscriptions go on one IPC channel per contract name instead, with the same
 * `engine` beside the input.
 *
 * `engine`: the engine a call or subscription targets; absent means the default one (`defaultEngineId`).
 */
export const clientMessageSchema = z.discriminatedUnion('t', [
  z.object({
    t: z.literal('call'),
    id: z.number().int().nonnegative(),
    name: z.string(),
    input: z.unknown(),
    engine: engineIdSchema.optional(),
  }),
  z.object({
    t: z.literal('sub'),
    id: z.number().int().nonnegative(),
    name: z.string(),
    input: z.unknown(),
    engine: engineIdSchema.optional(),
  }),
  z.object({ t: z.literal('unsub'), id: z.number().int().nonnegative() }),
]);
export type ClientMessage = z.infer<typeof clientMessageSchema>;

/** The engine a message that names none targets: the local socket (or DOCKER_HOST). */
export const defaultEngineId = 'local';

/** What an IPC subscription sends beside its stream id (the WebSocket's `sub` message without `t` and `name`). */
export const ipcSubscribePayloadSchema = z.object({
  id: z.number().int().nonnegative(),
  input: z.unknown(),
  engine: engineIdSchema.optional(),
});

export const callResultSchema = z.union([
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: rpcErrorSchema }),
]);
export type CallResult = z.infer<typeof callResultSchema>;

export type ServerMessage =
  | ({ t: 'result'; id: number } & CallResult)
  | { t: 'data'; id: number; msg: unknown }
  | { t: 'end'; id: number; error?: z.infer<typeof rpcErrorSchema> };

/** Names of the Electron IPC channels, derived from contract names. */
export const ipcChannels = {
  call: (name: string): string => `berth:call:${name}`,
  subscribe: (name: string): string => `berth:sub:${name}`,
  unsubscribe: 'berth:unsub',
  streamEvent: 'berth:stream',
  /** Desktop only: ask main to open a link in the system browser (not a contract call; see open-external.ts). */
  openExternal: 'berth:open-external',
} as const;

/** A stream's traffic to its client, the same on both wires: the WebSocket's frames and the IPC stream channel. */
export type StreamEvent = Extract<ServerMessage, { t: 'data' | 'end' }>;

export const streamEventSchema = z.discriminatedUnion('t', [
  z.object({ t: z.literal('data'), id: z.number().int(), msg: z.unknown() }),
  z.object({ t: z.literal('end'), id: z.number().int(), error: rpcErrorSchema.optional() }),
]);
