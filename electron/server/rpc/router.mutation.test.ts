// The router's stream bookkeeping, edge by edge, so `npm run test:mutate` finds each check missing:
// a stream's sink after it ended, the per-client stream limit and its release on every path.
import { describe, expect, it } from 'vitest';
import { BerthError, type RpcErrorPayload } from '../../../shared/errors.js';
import { createFakeHandlerTable } from '../../test-support/fake-handler-table.js';
import type { RequestContext, StreamSink } from './handler-types.js';
import { createRouter, maxStreamsPerClient, type TransportSink } from './router.js';

const alice: RequestContext = { clientId: 'alice', transport: 'ws' };
const bob: RequestContext = { clientId: 'bob', transport: 'ipc' };

type AnyStream = (input: unknown, sink: StreamSink<unknown>, ctx: RequestContext) => () => void;

/** A handler table whose `engine.events` hands its sink to the test and counts closes. */
function tableWithCapturedSinks(options: { throwOnOpen?: boolean } = {}) {
  const table = createFakeHandlerTable();
  const sinks: StreamSink<unknown>[] = [];
  let closes = 0;
  const events: AnyStream = (_input, sink) => {
    if (options.throwOnOpen) throw new BerthError({ code: 'NOT_FOUND', message: 'nothing to follow' });
    sinks.push(sink);
    return () => {
      closes += 1;
    };
  };
  (table.streams as unknown as Record<string, AnyStream>)['engine.events'] = events;
  return { table, sinks, closes: () => closes };
}

function transport(): TransportSink & { sent: unknown[]; ends: (RpcErrorPayload | 'clean')[] } {
  const sent: unknown[] = [];
  const ends: (RpcErrorPayload | 'clean')[] = [];
  return { sent, ends, send: (m) => (sent.push(m), true), end: (e) => void ends.push(e ?? 'clean') };
}

function opened<T>(result: T | { error: RpcErrorPayload }): T {
  if (typeof result === 'object' && result !== null && 'error' in result) throw new Error(`refused: ${result.error.message}`);
  return result;
}

describe('a stream sink', () => {
  it('counts messages and payload bytes, and any message shape is safe to count', () => {
    const { table, sinks } = tableWithCapturedSinks();
    const out = transport();
    const stream = opened(createRouter(table).subscribe('engine.events', {}, out, alice));
    const sink = sinks[0] as StreamSink<unknown>;
    expect(sink.send({ kind: 'data', data: new Uint8Array(10) })).toBe(true);
    expect(sink.send(null)).toBe(true);
    expect(sink.send('text')).toBe(true);
    expect(sink.send({ data: 'not bytes' })).toBe(true);
    expect(stream.metrics).toEqual({ messages: 4, bytes: 10 });
    expect(out.sent).toHaveLength(4);
  });

  it('ends once, with the error as an RPC payload, and sends nothing after', () => {
    const { table, sinks } = tableWithCapturedSinks();
    const out = transport();
    opened(createRouter(table).subscribe('engine.events', {}, out, alice));
    const sink = sinks[0] as StreamSink<unknown>;
    sink.end(new BerthError({ code: 'NOT_FOUND', message: 'gone' }));
    sink.end();
    expect(sink.send({ late: true })).toBe(false);
    expect(out.ends).toEqual([{ code: 'NOT_FOUND', message: 'gone' }]);
    expect(out.sent).toEqual([]);
  });

  it('ends cleanly without an error', () => {
    const { table, sinks } = tableWithCapturedSinks();
    const out = transport();
    opened(createRouter(table).subscribe('engine.events', {}, out, alice));
    sinks[0]?.end();
    expect(out.ends).toEqual(['clean']);
  });

  it('drops what the handler sends after the client closed the stream', () => {
    const { table, sinks, closes } = tableWithCapturedSinks();
    const out = transport();
    const stream = opened(createRouter(table).subscribe('engine.events', {}, out, alice));
    stream.close();
    expect(closes()).toBe(1);
    expect(sinks[0]?.send({ late: true })).toBe(false);
    expect(out.sent).toEqual([]);
    expect(stream.metrics.messages).toBe(0);
  });
});

describe('streams per client', () => {
  it('refuses the stream past the limit with LIMIT_REACHED, for that client only', () => {
    const { table } = tableWithCapturedSinks();
    const router = createRouter(table, { maxStreamsPerClient: 2 });
    opened(router.subscribe('engine.events', {}, transport(), alice));
    opened(router.subscribe('engine.events', {}, transport(), alice));
    expect(router.subscribe('engine.events', {}, transport(), alice)).toEqual({
      error: {
        code: 'LIMIT_REACHED',
        message: 'This page has 2 streams open, the most one client may hold (2): close some logs, stats or terminals first',
      },
    });
    expect(router.openStreams('alice')).toBe(2);
    opened(router.subscribe('engine.events', {}, transport(), bob));
    expect(router.openStreams('bob')).toBe(1);
    expect(router.openStreams('nobody')).toBe(0);
  });

  it(`holds ${maxStreamsPerClient} streams per client by default`, () => {
    const { table } = tableWithCapturedSinks();
    const router = createRouter(table);
    for (let i = 0; i < maxStreamsPerClient; i++) opened(router.subscribe('engine.events', {}, transport(), alice));
    expect(router.subscribe('engine.events', {}, transport(), alice)).toMatchObject({ error: { code: 'LIMIT_REACHED' } });
  });

  it('frees a place when the client closes a stream, when the server ends one, and when opening threw', () => {
    const { table, sinks } = tableWithCapturedSinks();
    const router = createRouter(table, { maxStreamsPerClient: 2 });
    const first = opened(router.subscribe('engine.events', {}, transport(), alice));
    opened(router.subscribe('engine.events', {}, transport(), alice));
    first.close();
    expect(router.openStreams('alice')).toBe(1);
    sinks[1]?.end();
    expect(router.openStreams('alice')).toBe(0);
    opened(router.subscribe('engine.events', {}, transport(), alice));
    opened(router.subscribe('engine.events', {}, transport(), alice));
    expect(router.openStreams('alice')).toBe(2);

    const throwing = tableWithCapturedSinks({ throwOnOpen: true });
    const strict = createRouter(throwing.table, { maxStreamsPerClient: 1 });
    expect(strict.subscribe('engine.events', {}, transport(), alice)).toEqual({
      error: { code: 'NOT_FOUND', message: 'nothing to follow' },
    });
    expect(strict.openStreams('alice')).toBe(0);
  });

  it('forgets a client it disposed, and a late close of its stream is harmless', () => {
    const { table } = tableWithCapturedSinks();
    const router = createRouter(table, { maxStreamsPerClient: 1 });
    const stream = opened(router.subscribe('engine.events', {}, transport(), alice));
    router.disposeClient('alice');
    expect(table.disposed).toEqual(['alice']);
    expect(router.openStreams('alice')).toBe(0);
    expect(() => stream.close()).not.toThrow();
    opened(router.subscribe('engine.events', {}, transport(), alice));
  });
});

describe('unknown names', () => {
  it('quotes the unknown name in the error', async () => {
    const router = createRouter(createFakeHandlerTable());
    expect(await router.call('no.such.call', {}, alice)).toEqual({
      ok: false,
      error: { code: 'UNKNOWN_CALL', message: 'No call named "no.such.call"' },
    });
    expect(router.subscribe('no.such.stream', {}, transport(), alice)).toEqual({
      error: { code: 'UNKNOWN_CALL', message: 'No stream named "no.such.stream"' },
    });
  });
});
