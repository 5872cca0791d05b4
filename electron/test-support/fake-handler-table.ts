import { callNames, streamNames } from '../../shared/contract.js';
import type { ConnectionStatus, EngineEvent } from '../../shared/engine-types.js';
import { BerthError } from '../../shared/errors.js';
import type { CallHandlers, HandlerTable, RequestContext, StreamHandlers, StreamSink } from '../server/rpc/handler-types.js';

/** A handler table with no engine behind it, recording what the transports did to it. */
export interface FakeHandlerTable extends HandlerTable {
  /** Client IDs in the order they were disposed. */
  readonly disposed: string[];
  /** Contexts the calls ran with, so tests can check clientId and transport. */
  readonly callContexts: RequestContext[];
  /** Streams currently open, by stream name. */
  readonly openStreams: Map<string, number>;
  /** Sends an engine event to every open `engine.events` subscriber; returns what the sinks returned. */
  emitEvent(event: EngineEvent): boolean[];
}

export const fakeStatus: ConnectionStatus = {
  connectionId: 'local',
  state: 'connected',
  endpoint: 'unix:///var/run/docker.sock',
  engineVersion: '28.0.0',
  generation: 1,
};

type AnyCall = (input: unknown, ctx: RequestContext) => Promise<unknown>;
type AnyStream = (input: unknown, sink: StreamSink<unknown>, ctx: RequestContext) => () => void;

/**
 * Session `missing-session` does not exist; `exits-at-once` ends its output stream synchronously.
 * Entries without a specific fake answer null (calls) or stay open silently (streams), so the fake
 * keeps up as the contract grows; transports never look at the values.
 */
export function createFakeHandlerTable(): FakeHandlerTable {
  const disposed: string[] = [];
  const callContexts: RequestContext[] = [];
  const openStreams = new Map<string, number>();
  const eventSinks = new Set<StreamSink<EngineEvent>>();

  const opened = (name: string): (() => void) => {
    openStreams.set(name, (openStreams.get(name) ?? 0) + 1);
    let closed = false;
    return () => {
      if (closed) return;
      closed = true;
      openStreams.set(name, (openStreams.get(name) ?? 1) - 1);
    };
  };
  const record = (ctx: RequestContext): void => {
    callContexts.push(ctx);
  };

  const specificCalls: Partial<CallHandlers> = {
    'engine.status': async (_i, ctx) => (record(ctx), fakeStatus),
    'engine.reconnect': async (_i, ctx) => (record(ctx), fakeStatus),
    'containers.list': async (_i, ctx) => (record(ctx), []),
    'containers.start': async ({ id }, ctx) => {
      record(ctx);
      if (id === 'missing') throw new BerthError({ code: 'NOT_FOUND', message: 'No such container: missing' });
      if (id === 'boom') throw new Error('handler exploded');
      return null;
    },
    'containers.stop': async (_i, ctx) => (record(ctx), null),
    'containers.restart': async (_i, ctx) => (record(ctx), null),
    'containers.remove': async (_i, ctx) => (record(ctx), null),
    'images.list': async (_i, ctx) => (record(ctx), []),
    'terminal.open': async (input, ctx) => (
      record(ctx),
      { sessionId: 'session-0001', shell: input.shell === 'auto' ? 'bash' : input.shell }
    ),
    'terminal.input': async (_i, ctx) => (record(ctx), null),
    'terminal.resize': async (_i, ctx) => (record(ctx), null),
    'terminal.ack': async (_i, ctx) => (record(ctx), null),
    'terminal.close': async (_i, ctx) => (record(ctx), null),
  };
  const specificStreams: Partial<StreamHandlers> = {
    'engine.status': (_input, sink) => {
      sink.send(fakeStatus);
      return opened('engine.status');
    },
    'engine.events': (_input, sink) => {
      eventSinks.add(sink);
      const close = opened('engine.events');
      return () => {
        eventSinks.delete(sink);
        close();
      };
    },
    'terminal.output': ({ sessionId }, sink) => {
      if (sessionId === 'missing-session') throw new BerthError({ code: 'NOT_FOUND', message: 'No such terminal session' });
      if (sessionId === 'exits-at-once') {
        sink.send({ kind: 'exit', exitCode: 0, reason: 'exited' });
        sink.end();
        return () => {};
      }
      sink.send({ kind: 'data', data: new Uint8Array([104, 105, 0, 255]) });
      return opened('terminal.output');
    },
  };

  const calls: Record<string, AnyCall> = {};
  for (const name of callNames) {
    calls[name] = (specificCalls as Record<string, AnyCall | undefined>)[name] ?? (async (_input, ctx) => (record(ctx), null));
  }
  const streams: Record<string, AnyStream> = {};
  for (const name of streamNames) {
    streams[name] = (specificStreams as Record<string, AnyStream | undefined>)[name] ?? (() => opened(name));
  }

  return {
    disposed,
    callContexts,
    openStreams,
    emitEvent: (event) => [...eventSinks].map((sink) => sink.send(event)),
    disposeClient: (clientId) => {
      disposed.push(clientId);
    },
    // Every contract name has an entry (loops above); the casts only forget the per-name types.
    calls: calls as unknown as CallHandlers,
    streams: streams as unknown as StreamHandlers,
  };
}
