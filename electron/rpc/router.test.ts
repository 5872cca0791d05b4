import { describe, expect, it } from 'vitest';
import { createFakeHandlerTable } from '../test-support/fake-handler-table.js';
import type { RequestContext } from './handler-types.js';
import { createRouter, type TransportSink } from './router.js';

const ctx: RequestContext = { clientId: 'client-1', transport: 'ws' };

function recordingSink(): TransportSink & { messages: unknown[]; ended: unknown[] } {
  const messages: unknown[] = [];
  const ended: unknown[] = [];
  return {
    messages,
    ended,
    send: (m) => (messages.push(m), true),
    end: (e) => void ended.push(e ?? 'clean'),
  };
}

describe('router calls', () => {
  it('runs a valid call and passes the request context through', async () => {
    const table = createFakeHandlerTable();
    const result = await createRouter(table).call('containers.list', {}, ctx);
    expect(result).toEqual({ ok: true, value: [] });
    expect(table.callContexts).toEqual([ctx]);
  });

  it.each([
    ['not an object', 'containers.start', 'abc'],
    ['missing field', 'containers.start', {}],
    ['wrong type', 'containers.start', { id: 42 }],
    ['unknown extra field', 'containers.list', { extra: true }],
    ['invalid container name', 'containers.start', { id: '../etc' }],
    ['out-of-range number', 'terminal.resize', { sessionId: 'session-0001', cols: 0, rows: 10 }],
    ['null input', 'engine.status', null],
  ])('answers BAD_REQUEST with a message for %s, without running the handler', async (_label, name, input) => {
    const table = createFakeHandlerTable();
    const result = await createRouter(table).call(name, input, ctx);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('BAD_REQUEST');
    expect(result.error.message.length).toBeGreaterThan(0);
    expect(table.callContexts).toEqual([]);
  });

  it('points the validation error at the offending field', async () => {
    const result = await createRouter(createFakeHandlerTable()).call('containers.start', { id: 42 }, ctx);
    expect(result).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', path: ['id'] } });
  });

  it.each([['no.such.call'], [42], [undefined], ['__proto__'], ['toString']])('answers UNKNOWN_CALL for %s', async (name) => {
    const result = await createRouter(createFakeHandlerTable()).call(name, {}, ctx);
    expect(result).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CALL' } });
  });

  it('turns a thrown BerthError into its payload', async () => {
    const result = await createRouter(createFakeHandlerTable()).call('containers.start', { id: 'missing' }, ctx);
    expect(result).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: 'No such container: missing' } });
  });

  it('turns any other thrown error into INTERNAL, never a rejection', async () => {
    const promise = createRouter(createFakeHandlerTable()).call('containers.start', { id: 'boom' }, ctx);
    await expect(promise).resolves.toEqual({ ok: false, error: { code: 'INTERNAL', message: 'handler exploded' } });
  });
});

describe('router streams', () => {
  it('starts a valid stream, delivers messages and closes it', () => {
    const table = createFakeHandlerTable();
    const sink = recordingSink();
    const result = createRouter(table).subscribe('engine.status', {}, sink, ctx);
    if ('error' in result) throw new Error(result.error.message);
    expect(sink.messages).toHaveLength(1);
    expect(table.openStreams.get('engine.status')).toBe(1);
    result.close();
    expect(table.openStreams.get('engine.status')).toBe(0);
  });

  it('counts messages and bytes of a stream', () => {
    const sink = recordingSink();
    const result = createRouter(createFakeHandlerTable()).subscribe('terminal.output', { sessionId: 'session-0001' }, sink, ctx);
    if ('error' in result) throw new Error(result.error.message);
    expect(result.metrics).toEqual({ messages: 1, bytes: 4 });
  });

  it('refuses malformed input with BAD_REQUEST and an unknown stream with UNKNOWN_CALL', () => {
    const router = createRouter(createFakeHandlerTable());
    expect(router.subscribe('terminal.output', { sessionId: 'x' }, recordingSink(), ctx)).toMatchObject({ error: { code: 'BAD_REQUEST' } });
    expect(router.subscribe('terminal.output', 'nope', recordingSink(), ctx)).toMatchObject({ error: { code: 'BAD_REQUEST' } });
    expect(router.subscribe('no.such.stream', {}, recordingSink(), ctx)).toMatchObject({ error: { code: 'UNKNOWN_CALL' } });
  });

  it('returns a handler that throws as an error payload', () => {
    const result = createRouter(createFakeHandlerTable()).subscribe('terminal.output', { sessionId: 'missing-session' }, recordingSink(), ctx);
    expect(result).toEqual({ error: { code: 'NOT_FOUND', message: 'No such terminal session' } });
  });

  it('delivers nothing after the stream ended', () => {
    const sink = recordingSink();
    const result = createRouter(createFakeHandlerTable()).subscribe('terminal.output', { sessionId: 'exits-at-once' }, sink, ctx);
    expect('error' in result).toBe(false);
    expect(sink.messages).toEqual([{ kind: 'exit', exitCode: 0, reason: 'exited' }]);
    expect(sink.ended).toEqual(['clean']);
  });

  it('passes disposeClient to the table', () => {
    const table = createFakeHandlerTable();
    createRouter(table).disposeClient('client-9');
    expect(table.disposed).toEqual(['client-9']);
  });
});
