import { describe, expect, it } from 'vitest';
import { createFakeHandlerTable } from '../../test-support/fake-handler-table.js';
import type { RequestContext } from './handler-types.js';
import { createRouter, maxStreamsPerClient, type TransportSink } from './router.js';

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
    const result = createRouter(createFakeHandlerTable()).subscribe(
      'terminal.output',
      { sessionId: 'missing-session' },
      recordingSink(),
      ctx,
    );
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

describe('router bounds', () => {
  const other: RequestContext = { clientId: 'client-2', transport: 'ipc' };

  it(`refuses a client's stream beyond ${maxStreamsPerClient} open ones with LIMIT_REACHED, over either transport`, () => {
    const table = createFakeHandlerTable();
    const router = createRouter(table);
    const closers: Array<() => void> = [];
    for (let i = 0; i < maxStreamsPerClient; i += 1) {
      const result = router.subscribe('engine.events', {}, recordingSink(), ctx);
      if ('error' in result) throw new Error(result.error.message);
      closers.push(result.close);
    }
    const refused = router.subscribe('engine.events', {}, recordingSink(), ctx);
    expect(refused).toMatchObject({ error: { code: 'LIMIT_REACHED' } });
    if ('error' in refused) expect(refused.error.message).toContain(String(maxStreamsPerClient));
    expect(table.openStreams.get('engine.events')).toBe(maxStreamsPerClient);
    // Another client has its own allowance.
    expect('error' in router.subscribe('engine.events', {}, recordingSink(), other)).toBe(false);
    // Closing one makes room for one.
    closers.pop()?.();
    expect('error' in router.subscribe('engine.events', {}, recordingSink(), ctx)).toBe(false);
    expect(router.subscribe('engine.events', {}, recordingSink(), ctx)).toMatchObject({ error: { code: 'LIMIT_REACHED' } });
  });

  it('does not count streams the server ended, refused ones, or those of a disposed client', () => {
    const router = createRouter(createFakeHandlerTable(), { maxStreamsPerClient: 2 });
    for (let i = 0; i < 5; i += 1) {
      router.subscribe('terminal.output', { sessionId: 'exits-at-once' }, recordingSink(), ctx);
      router.subscribe('terminal.output', { sessionId: 'missing-session' }, recordingSink(), ctx);
    }
    expect(router.openStreams(ctx.clientId)).toBe(0);
    router.subscribe('engine.events', {}, recordingSink(), ctx);
    router.subscribe('engine.events', {}, recordingSink(), ctx);
    expect(router.subscribe('engine.events', {}, recordingSink(), ctx)).toMatchObject({ error: { code: 'LIMIT_REACHED' } });
    router.disposeClient(ctx.clientId);
    expect(router.openStreams(ctx.clientId)).toBe(0);
    expect('error' in router.subscribe('engine.events', {}, recordingSink(), ctx)).toBe(false);
  });

  it('never echoes an unbounded call or stream name in its error', async () => {
    const router = createRouter(createFakeHandlerTable());
    const huge = 'x'.repeat(4 * 1024 * 1024);
    const call = await router.call(huge, {}, ctx);
    expect(call).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CALL' } });
    if (!call.ok) {
      expect(call.error.message.length).toBeLessThan(200);
      expect(call.error.message).toContain(`${4 * 1024 * 1024} characters`);
    }
    const sub = router.subscribe(huge, {}, recordingSink(), ctx);
    expect(sub).toMatchObject({ error: { code: 'UNKNOWN_CALL' } });
    if ('error' in sub) expect(sub.error.message.length).toBeLessThan(200);
    const deep = await router.call({ name: [huge] }, {}, ctx);
    if (!deep.ok) expect(deep.error.message.length).toBeLessThan(200);
  });

  it('never echoes an unbounded key of the input in a validation error', async () => {
    const huge = 'k'.repeat(1024 * 1024);
    const result = await createRouter(createFakeHandlerTable()).call('containers.list', { [huge]: 1 }, ctx);
    expect(result).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    if (!result.ok) expect(JSON.stringify(result.error).length).toBeLessThan(1200);
  });
});
