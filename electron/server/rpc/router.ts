import { calls, isCallName, isStreamName, streams } from '../../../shared/contract.js';
import type { RpcErrorPayload } from '../../../shared/errors.js';
import type { CallResult } from '../../../shared/wire.js';
import type { HandlerTable, RequestContext, StreamCloser, StreamSink } from './handler-types.js';
import { echoForError } from '../../engine/echo-safe.js';
import { toRpcError } from '../../engine/to-rpc-error.js';

/** Counters for one stream, so every stream can be measured. */
export interface StreamMetrics {
  messages: number;
  bytes: number;
}

/** Where the router delivers a stream's traffic; each transport implements it. */
export interface TransportSink {
  send(message: unknown): boolean;
  end(error?: RpcErrorPayload): void;
}

/**
 * Streams one client may hold open at once, over both transports. A page uses a handful (status,
 * events, a logs and a stats stream per open container, one output stream per terminal); 2,000
 * followed logs from one client were once accepted, each holding an engine connection.
 */
export const maxStreamsPerClient = 64;

export interface RouterOptions {
  readonly maxStreamsPerClient?: number;
}

export interface Router {
  /** Validates and runs one call; never throws, failures come back as `{ ok: false }`. */
  call(name: unknown, input: unknown, ctx: RequestContext): Promise<CallResult>;
  /** Validates and starts one stream; returns its closer, or an error payload when refused. */
  subscribe(
    name: unknown,
    input: unknown,
    sink: TransportSink,
    ctx: RequestContext,
  ): { close: StreamCloser; metrics: StreamMetrics } | { error: RpcErrorPayload };
  disposeClient(clientId: string): void;
  /** Streams the client holds open now (for tests and diagnostics). */
  openStreams(clientId: string): number;
}

function payloadBytes(message: unknown): number {
  if (typeof message !== 'object' || message === null) return 0;
  const data = (message as { data?: unknown }).data;
  return data instanceof Uint8Array ? data.byteLength : 0;
}

/** The one place where contract names meet handlers: both transports go through here. */
export function createRouter(table: HandlerTable, options: RouterOptions = {}): Router {
  const streamLimit = options.maxStreamsPerClient ?? maxStreamsPerClient;
  /** Open streams per client; a stream leaves its set when closed by the client or ended by the server. */
  const openByClient = new Map<string, Set<object>>();
  const release = (clientId: string, token: object): void => {
    const open = openByClient.get(clientId);
    if (!open) return;
    open.delete(token);
    if (open.size === 0) openByClient.delete(clientId);
  };
  return {
    async call(name, input, ctx) {
      if (!isCallName(name)) {
        return { ok: false, error: { code: 'UNKNOWN_CALL', message: `No call named ${echoForError(name)}` } };
      }
      const def = calls[name];
      const parsed = def.input.safeParse(input);
      if (!parsed.success) return { ok: false, error: toRpcError(parsed.error) };
      try {
        const handler = table.calls[name] as (i: unknown, c: RequestContext) => Promise<unknown>;
        const value = await handler(parsed.data, ctx);
        return { ok: true, value };
      } catch (err) {
        return { ok: false, error: toRpcError(err) };
      }
    },

    subscribe(name, input, sink, ctx) {
      if (!isStreamName(name)) {
        return { error: { code: 'UNKNOWN_CALL', message: `No stream named ${echoForError(name)}` } };
      }
      const parsed = streams[name].input.safeParse(input);
      if (!parsed.success) return { error: toRpcError(parsed.error) };
      const open = openByClient.get(ctx.clientId) ?? new Set<object>();
      if (open.size >= streamLimit) {
        return {
          error: {
            code: 'LIMIT_REACHED',
            message: `This page has ${open.size} streams open, the most one client may hold (${streamLimit}): close some logs, stats or terminals first`,
          },
        };
      }
      const token = {};
      open.add(token);
      openByClient.set(ctx.clientId, open);
      const metrics: StreamMetrics = { messages: 0, bytes: 0 };
      let ended = false;
      const typedSink: StreamSink<unknown> = {
        send(message) {
          if (ended) return false;
          metrics.messages += 1;
          metrics.bytes += payloadBytes(message);
          return sink.send(message);
        },
        end(error) {
          if (ended) return;
          ended = true;
          release(ctx.clientId, token);
          sink.end(error === undefined ? undefined : toRpcError(error));
        },
      };
      try {
        const handler = table.streams[name] as (i: unknown, s: StreamSink<unknown>, c: RequestContext) => StreamCloser;
        const closeHandler = handler(parsed.data, typedSink, ctx);
        return {
          metrics,
          close: () => {
            ended = true;
            release(ctx.clientId, token);
            closeHandler();
          },
        };
      } catch (err) {
        ended = true;
        release(ctx.clientId, token);
        return { error: toRpcError(err) };
      }
    },

    disposeClient(clientId) {
      // The transport closed the client's streams already; whatever is left is forgotten here.
      openByClient.delete(clientId);
      table.disposeClient(clientId);
    },

    openStreams(clientId) {
      return openByClient.get(clientId)?.size ?? 0;
    },
  };
}
