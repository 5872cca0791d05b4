import { calls, isCallName, isStreamName, streams } from '../../../shared/contract.js';
import { engineIdSchema } from '../../../shared/engine-spec.js';
import { isAppCallName, isAppStreamName } from '../../../shared/engines-contract.js';
import type { RpcErrorPayload } from '../../../shared/errors.js';
import { defaultEngineId, type CallResult } from '../../../shared/wire.js';
import type { HandlerTable, RequestContext, RouterHandlers, StreamCloser, StreamSink } from './handler-types.js';
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
  /**
   * Validates and runs one call against `engine` (the envelope's engine id; absent: the default
   * engine); never throws, failures come back as `{ ok: false }`.
   */
  call(name: unknown, input: unknown, ctx: RequestContext, engine?: unknown): Promise<CallResult>;
  /** Validates and starts one stream on `engine`; returns its closer, or an error payload when refused. */
  subscribe(
    name: unknown,
    input: unknown,
    sink: TransportSink,
    ctx: RequestContext,
    engine?: unknown,
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

/** One engine's table served as the default engine, with no app-level entries (tests, single-engine set-ups). */
export function singleEngine(table: HandlerTable): RouterHandlers {
  return {
    engine: (id) => (id === defaultEngineId ? table : undefined),
    engineIds: () => [defaultEngineId],
    disposeClient: (clientId) => table.disposeClient(clientId),
  };
}

type Resolved<T> = { ok: true; value: T } | { ok: false; error: RpcErrorPayload };

/** Handler functions as the router calls them, after it validated the input against the contract. */
type AnyCall = (input: unknown, ctx: RequestContext) => Promise<unknown>;
type AnyStream = (input: unknown, sink: StreamSink<unknown>, ctx: RequestContext) => StreamCloser;

/**
 * The one place where contract names meet handlers: both transports go through here. Engine entries
 * run on the table of the engine the envelope names; app entries (engines.*) on the app's table.
 */
export function createRouter(handlers: HandlerTable | RouterHandlers, options: RouterOptions = {}): Router {
  const source: RouterHandlers = 'calls' in handlers ? singleEngine(handlers) : handlers;
  const engineTable = (engine: unknown): Resolved<HandlerTable> => {
    const parsed = engineIdSchema.safeParse(engine ?? defaultEngineId);
    if (!parsed.success) {
      return {
        ok: false,
        error: { code: 'BAD_REQUEST', message: `Invalid engine id ${echoForError(engine)}: ${parsed.error.issues[0]?.message ?? ''}` },
      };
    }
    const table = source.engine(parsed.data);
    if (table) return { ok: true, value: table };
    const problem = source.engineProblem?.(parsed.data);
    if (problem !== undefined) return { ok: false, error: { code: 'ENGINE_UNAVAILABLE', message: `Engine "${parsed.data}": ${problem}` } };
    const known = source.engineIds().join(', ') || 'none';
    return {
      ok: false,
      error: { code: 'NOT_FOUND', message: `Berth has no engine "${parsed.data}" (it may have been removed); known engines: ${known}` },
    };
  };
  const callHandler = (name: string, engine: unknown): Resolved<AnyCall> => {
    if (isAppCallName(name)) {
      const app = source.app;
      if (!app) return { ok: false, error: { code: 'UNKNOWN_CALL', message: `${name} is not served here (no engine registry)` } };
      return { ok: true, value: app.calls[name] as AnyCall };
    }
    const table = engineTable(engine);
    if (!table.ok) return table;
    return { ok: true, value: table.value.calls[name as keyof HandlerTable['calls']] as AnyCall };
  };
  const streamHandler = (name: string, engine: unknown): Resolved<AnyStream> => {
    if (isAppStreamName(name)) {
      const app = source.app;
      if (!app) return { ok: false, error: { code: 'UNKNOWN_CALL', message: `${name} is not served here (no engine registry)` } };
      return { ok: true, value: app.streams[name] as AnyStream };
    }
    const table = engineTable(engine);
    if (!table.ok) return table;
    return { ok: true, value: table.value.streams[name as keyof HandlerTable['streams']] as AnyStream };
  };
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
    async call(name, input, ctx, engine) {
      if (!isCallName(name)) {
        return { ok: false, error: { code: 'UNKNOWN_CALL', message: `No call named ${echoForError(name)}` } };
      }
      const def = calls[name];
      const parsed = def.input.safeParse(input);
      if (!parsed.success) return { ok: false, error: toRpcError(parsed.error) };
      const handler = callHandler(name, engine);
      if (!handler.ok) return { ok: false, error: handler.error };
      try {
        const value = await handler.value(parsed.data, ctx);
        return { ok: true, value };
      } catch (err) {
        return { ok: false, error: toRpcError(err) };
      }
    },

    subscribe(name, input, sink, ctx, engine) {
      if (!isStreamName(name)) {
        return { error: { code: 'UNKNOWN_CALL', message: `No stream named ${echoForError(name)}` } };
      }
      const parsed = streams[name].input.safeParse(input);
      if (!parsed.success) return { error: toRpcError(parsed.error) };
      const handler = streamHandler(name, engine);
      if (!handler.ok) return { error: handler.error };
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
        const closeHandler = handler.value(parsed.data, typedSink, ctx);
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
      source.disposeClient(clientId);
    },

    openStreams(clientId) {
      return openByClient.get(clientId)?.size ?? 0;
    },
  };
}
