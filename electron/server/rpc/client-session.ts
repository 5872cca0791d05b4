import type { CallResult, StreamEvent } from '../../../shared/wire.js';
import { toRpcError } from '../../engine/to-rpc-error.js';
import type { RequestContext, StreamCloser } from './handler-types.js';
import type { Router } from './router.js';

/**
 * One client of the router (a page over IPC, a WebSocket connection): the streams it holds, by
 * the ids the client chose. Both transports use it; they only frame and deliver its events.
 */
export interface ClientSession {
  readonly ctx: RequestContext;
  /** Runs one call as this client on `engine` (absent: the default engine); never rejects. */
  call(name: unknown, input: unknown, engine?: unknown): Promise<CallResult>;
  /** Starts a stream under `id` on `engine`; a stream already under that id is closed first. Refusals end the id with the error. */
  subscribe(id: number, name: unknown, input: unknown, engine?: unknown): void;
  /** Closes the stream under `id`; an id that is not open is ignored (it may have ended already). */
  unsubscribe(id: number): void;
  /** Streams open now. */
  readonly openStreams: number;
  /** The client left: closes every stream (nothing more is delivered), then frees what it held in the router. Idempotent. */
  dispose(): void;
}

export interface ClientSessionOptions {
  readonly router: Router;
  readonly ctx: RequestContext;
  /** Hands one stream event to the client; false when the transport is full or gone. */
  deliver(event: StreamEvent): boolean;
  /** Prefix of the log lines about closers that threw, e.g. `[berth web]`. */
  readonly logPrefix: string;
}

interface OpenStream {
  close: StreamCloser | undefined;
  ended: boolean;
}

const goneError = { code: 'INTERNAL', message: 'This client has gone' } as const;

/** The id of a message that failed validation, when one can be read, so the client can match the error. */
export function readableId(value: unknown): number | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const id = (value as { id?: unknown }).id;
  return typeof id === 'number' && Number.isSafeInteger(id) && id >= 0 ? id : undefined;
}

export function createClientSession(options: ClientSessionOptions): ClientSession {
  const { router, ctx, deliver, logPrefix } = options;
  const streams = new Map<number, OpenStream>();
  let disposed = false;

  const closeStream = (id: number): void => {
    const stream = streams.get(id);
    if (!stream) return;
    streams.delete(id);
    stream.ended = true;
    try {
      stream.close?.();
    } catch (err) {
      console.error(`${logPrefix} closing stream ${id} failed: ${toRpcError(err).message}`);
    }
  };

  return {
    ctx,
    call: (name, input, engine) => router.call(name, input, ctx, engine),

    subscribe(id, name, input, engine) {
      if (disposed) {
        deliver({ t: 'end', id, error: goneError });
        return;
      }
      // A reused id replaces the old stream, so two streams never interleave under one id.
      closeStream(id);
      const entry: OpenStream = { close: undefined, ended: false };
      streams.set(id, entry);
      const result = router.subscribe(
        name,
        input,
        {
          send: (msg) => !entry.ended && deliver({ t: 'data', id, msg }),
          end: (error) => {
            if (entry.ended) return;
            entry.ended = true;
            if (streams.get(id) === entry) streams.delete(id);
            deliver(error === undefined ? { t: 'end', id } : { t: 'end', id, error });
          },
        },
        ctx,
        engine,
      );
      if ('error' in result) {
        entry.ended = true;
        if (streams.get(id) === entry) streams.delete(id);
        deliver({ t: 'end', id, error: result.error });
        return;
      }
      // The handler may have ended the stream already (a terminal that exited); nothing to close later then.
      if (!entry.ended) entry.close = result.close;
    },

    unsubscribe: closeStream,

    get openStreams() {
      return streams.size;
    },

    dispose() {
      if (disposed) return;
      disposed = true;
      for (const id of [...streams.keys()]) closeStream(id);
      try {
        router.disposeClient(ctx.clientId);
      } catch (err) {
        console.error(`${logPrefix} disposing client ${ctx.clientId} failed: ${toRpcError(err).message}`);
      }
    },
  };
}
