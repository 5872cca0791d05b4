import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RpcErrorPayload } from '../../../shared/errors.js';
import type { StreamEvent } from '../../../shared/wire.js';
import { createClientSession, readableId } from './client-session.js';
import type { Router, TransportSink } from './router.js';

/** A router stand-in that hands each stream's sink to the test and records closes and disposals, in order. */
function fakeRouter() {
  const sinks: TransportSink[] = [];
  const log: string[] = [];
  const throwingClosers = new Set<number>();
  const router: Router = {
    call: async () => ({ ok: true, value: null }),
    subscribe(name, _input, sink) {
      if (name === 'refused') return { error: { code: 'BAD_REQUEST', message: 'refused' } };
      const index = sinks.length;
      sinks.push(sink);
      if (name === 'ends-at-once') sink.end();
      return {
        metrics: { messages: 0, bytes: 0 },
        close: () => {
          log.push(`close ${index}`);
          if (throwingClosers.has(index)) throw new Error(`closer ${index} broke`);
        },
      };
    },
    disposeClient: (clientId) => void log.push(`dispose ${clientId}`),
    openStreams: () => 0,
  };
  return { router, sinks, log, throwingClosers };
}

function setup() {
  const fake = fakeRouter();
  const delivered: StreamEvent[] = [];
  const session = createClientSession({
    router: fake.router,
    ctx: { clientId: 'c1', transport: 'ws' },
    deliver: (event) => (delivered.push(event), true),
    logPrefix: '[test]',
  });
  return { ...fake, delivered, session };
}

const sinkAt = (sinks: TransportSink[], index: number): TransportSink => {
  const sink = sinks[index];
  if (!sink) throw new Error(`no stream ${index}`);
  return sink;
};

afterEach(() => vi.restoreAllMocks());

describe('a client session', () => {
  it('delivers data and the end of a stream under its id, and forgets it once ended', () => {
    const { session, sinks, delivered } = setup();
    session.subscribe(7, 'events', {});
    expect(session.openStreams).toBe(1);
    sinkAt(sinks, 0).send('hello');
    const error: RpcErrorPayload = { code: 'NOT_FOUND', message: 'gone' };
    sinkAt(sinks, 0).end(error);
    expect(delivered).toEqual([
      { t: 'data', id: 7, msg: 'hello' },
      { t: 'end', id: 7, error },
    ]);
    expect(session.openStreams).toBe(0);
    // A second end, or data after the end, never reaches the client.
    sinkAt(sinks, 0).end();
    expect(sinkAt(sinks, 0).send('late')).toBe(false);
    expect(delivered).toHaveLength(2);
  });

  it('a reused id closes the old stream first, and the old one can no longer deliver under that id', () => {
    const { session, sinks, delivered, log } = setup();
    session.subscribe(1, 'events', {});
    session.subscribe(1, 'events', {});
    expect(log).toEqual(['close 0']);
    expect(session.openStreams).toBe(1);
    expect(sinkAt(sinks, 0).send('old')).toBe(false);
    sinkAt(sinks, 0).end();
    sinkAt(sinks, 1).send('new');
    expect(delivered).toEqual([{ t: 'data', id: 1, msg: 'new' }]);
    // The old stream's end did not take the new one out of the table.
    session.unsubscribe(1);
    expect(log).toEqual(['close 0', 'close 1']);
  });

  it('delivers nothing from a stream after it was unsubscribed, and ignores an unknown id', () => {
    const { session, sinks, delivered, log } = setup();
    session.subscribe(3, 'events', {});
    session.unsubscribe(3);
    session.unsubscribe(3);
    session.unsubscribe(99);
    expect(log).toEqual(['close 0']);
    expect(sinkAt(sinks, 0).send('late')).toBe(false);
    sinkAt(sinks, 0).end({ code: 'INTERNAL', message: 'late end' });
    expect(delivered).toEqual([]);
  });

  it('ends a refused stream with its error and keeps nothing for it', () => {
    const { session, delivered } = setup();
    session.subscribe(4, 'refused', {});
    expect(delivered).toEqual([{ t: 'end', id: 4, error: { code: 'BAD_REQUEST', message: 'refused' } }]);
    expect(session.openStreams).toBe(0);
  });

  it('keeps nothing for a stream the handler ended before subscribe returned', () => {
    const { session, delivered, log } = setup();
    session.subscribe(5, 'ends-at-once', {});
    expect(delivered).toEqual([{ t: 'end', id: 5 }]);
    expect(session.openStreams).toBe(0);
    session.dispose();
    expect(log).toEqual(['dispose c1']);
  });

  it('dispose closes every stream, then frees the client in the router, once', () => {
    const { session, sinks, delivered, log } = setup();
    session.subscribe(1, 'events', {});
    session.subscribe(2, 'events', {});
    session.dispose();
    session.dispose();
    expect(log).toEqual(['close 0', 'close 1', 'dispose c1']);
    expect(session.openStreams).toBe(0);
    sinkAt(sinks, 1).end();
    expect(delivered).toEqual([]);
  });

  it('a closer that throws does not keep the other streams open or the client undisposed', () => {
    const { session, log, throwingClosers } = setup();
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    session.subscribe(1, 'events', {});
    session.subscribe(2, 'events', {});
    session.subscribe(3, 'events', {});
    throwingClosers.add(0);
    throwingClosers.add(1);
    session.dispose();
    expect(log).toEqual(['close 0', 'close 1', 'close 2', 'dispose c1']);
    expect(logged).toHaveBeenCalledWith('[test] closing stream 1 failed: closer 0 broke');
    expect(logged).toHaveBeenCalledTimes(2);
  });

  it('refuses a stream after dispose with an error for its id, and starts nothing', () => {
    const { session, sinks, delivered } = setup();
    session.dispose();
    session.subscribe(8, 'events', {});
    expect(sinks).toHaveLength(0);
    expect(delivered).toEqual([{ t: 'end', id: 8, error: { code: 'INTERNAL', message: 'This client has gone' } }]);
  });

  it('runs calls as its client', async () => {
    const fake = fakeRouter();
    const call = vi.spyOn(fake.router, 'call');
    const session = createClientSession({
      router: fake.router,
      ctx: { clientId: 'c9', transport: 'ipc' },
      deliver: () => true,
      logPrefix: '[test]',
    });
    expect(await session.call('containers.list', {})).toEqual({ ok: true, value: null });
    expect(call).toHaveBeenCalledWith('containers.list', {}, { clientId: 'c9', transport: 'ipc' }, undefined);
  });
});

describe('readableId', () => {
  it('reads a non-negative safe integer id and nothing else', () => {
    expect(readableId({ id: 0 })).toBe(0);
    expect(readableId({ id: 12 })).toBe(12);
    for (const value of [null, undefined, 'x', 5, { id: -1 }, { id: 1.5 }, { id: '3' }, { id: 2 ** 53 }, {}])
      expect(readableId(value)).toBeUndefined();
  });
});
