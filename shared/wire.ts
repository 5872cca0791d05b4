import { z } from 'zod';
import { rpcErrorSchema } from './errors.js';

/**
 * Messages of the WebSocket transport (encoded with MessagePack so byte arrays travel as bytes).
 * The Electron transport carries the same shapes over IPC channels.
 */
export const clientMessageSchema = z.discriminatedUnion('t', [
  z.object({ t: z.literal('call'), id: z.number().int().nonnegative(), name: z.string(), input: z.unknown() }),
  z.object({ t: z.literal('sub'), id: z.number().int().nonnegative(), name: z.string(), input: z.unknown() }),
  z.object({ t: z.literal('unsub'), id: z.number().int().nonnegative() }),
]);
export type ClientMessage = z.infer<typeof clientMessageSchema>;

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

/** Main → renderer stream traffic over Electron IPC. */
export type IpcStreamEvent = { id: number; kind: 'data'; msg: unknown } | { id: number; kind: 'end'; error?: z.infer<typeof rpcErrorSchema> };
