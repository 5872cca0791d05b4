import { describe, expect, it } from 'vitest';
import { encode } from '@msgpack/msgpack';
import { WebSocket } from 'ws';
import { WsTransport } from '../../../renderer/api/ws-transport.js';
import { createRouter } from '../rpc/router.js';
import { createFakeHandlerTable } from '../../test-support/fake-handler-table.js';
import { maxFrameBytes, startWebServer } from './web-server.js';
import { fx, useWebServerFixture, start, httpGet, connect, inbox, send } from './web-server-test-kit.js';

// The web server's RPC endpoint: messages, the bounds on one frame, and the renderer's own transport against it.
useWebServerFixture();

describe('web server: the RPC endpoint', () => {
  it('runs a call end to end over MessagePack', async () => {
    await start();
    const ws = await connect();
    const box = inbox(ws);
    send(ws, { t: 'call', id: 7, name: 'containers.list', input: {} });
    expect(await box.next((m) => m.id === 7)).toEqual({ t: 'result', id: 7, ok: true, value: [] });
    expect(fx.table.callContexts[0]?.transport).toBe('ws');
  });

  it('returns handler errors and validation errors as results', async () => {
    await start();
    const ws = await connect();
    const box = inbox(ws);
    send(ws, { t: 'call', id: 1, name: 'containers.start', input: { id: 'missing' } });
    send(ws, { t: 'call', id: 2, name: 'containers.start', input: { id: 5 } });
    send(ws, { t: 'call', id: 3, name: 'no.such', input: {} });
    expect(await box.next((m) => m.id === 1)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await box.next((m) => m.id === 2)).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(await box.next((m) => m.id === 3)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CALL' } });
  });

  it('streams bytes as bytes, and unsub closes the stream', async () => {
    await start();
    const ws = await connect();
    const box = inbox(ws);
    send(ws, { t: 'sub', id: 4, name: 'terminal.output', input: { sessionId: 'session-0001' } });
    const data = await box.next((m) => m.t === 'data' && m.id === 4);
    expect(data).toMatchObject({ t: 'data', id: 4, msg: { kind: 'data' } });
    const bytes = (data as { msg: { data: unknown } }).msg.data;
    expect(bytes).toBeInstanceOf(Uint8Array);
    expect([...(bytes as Uint8Array)]).toEqual([104, 105, 0, 255]);
    expect(fx.table.openStreams.get('terminal.output')).toBe(1);

    send(ws, { t: 'unsub', id: 4 });
    send(ws, { t: 'call', id: 5, name: 'engine.status', input: {} });
    await box.next((m) => m.id === 5);
    expect(fx.table.openStreams.get('terminal.output')).toBe(0);
  });

  it('delivers server-pushed messages and a refused stream ends with its error', async () => {
    await start();
    const ws = await connect();
    const box = inbox(ws);
    send(ws, { t: 'sub', id: 1, name: 'engine.events', input: {} });
    send(ws, { t: 'sub', id: 2, name: 'terminal.output', input: { sessionId: 'missing-session' } });
    expect(await box.next((m) => m.id === 2)).toEqual({
      t: 'end',
      id: 2,
      error: { code: 'NOT_FOUND', message: 'No such terminal session' },
    });
    const event = { type: 'container', action: 'start', id: 'abc', timeNano: 1 };
    expect(fx.table.emitEvent(event)).toEqual([true]);
    expect(await box.next((m) => m.id === 1)).toEqual({ t: 'data', id: 1, msg: event });
  });

  it('sends the end of a stream the handler ended at once, after its last message', async () => {
    await start();
    const ws = await connect();
    const box = inbox(ws);
    send(ws, { t: 'sub', id: 3, name: 'terminal.output', input: { sessionId: 'exits-at-once' } });
    await box.next((m) => m.t === 'end' && m.id === 3);
    expect(box.all.filter((m) => m.id === 3).map((m) => m.t)).toEqual(['data', 'end']);
  });

  it('answers malformed frames with BAD_REQUEST and keeps the connection working', async () => {
    await start();
    const ws = await connect();
    const box = inbox(ws);
    ws.send(Buffer.from([0xc1, 0xff, 0x00])); // 0xc1 is never valid MessagePack
    expect(await box.next((m) => m.t === 'result' && m.id === -1)).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    box.all.length = 0;
    send(ws, { t: 'call', id: 9, name: 42 }); // readable id, wrong shape
    expect(await box.next((m) => m.id === 9)).toMatchObject({ t: 'result', ok: false, error: { code: 'BAD_REQUEST' } });
    send(ws, [1, 2, 3]);
    ws.send('{"t":"call"}'); // a text frame
    send(ws, { t: 'call', id: 10, name: 'containers.list', input: {} });
    expect(await box.next((m) => m.id === 10)).toMatchObject({ ok: true });
    expect(box.all.filter((m) => m.id === -1)).toHaveLength(2);
  });

  it('closes the streams and disposes the client when the socket closes', async () => {
    await start();
    const ws = await connect();
    const box = inbox(ws);
    send(ws, { t: 'sub', id: 1, name: 'engine.events', input: {} });
    send(ws, { t: 'call', id: 2, name: 'engine.status', input: {} });
    await box.next((m) => m.id === 2);
    const clientId = fx.table.callContexts[0]?.clientId;
    expect(clientId).toMatch(/^[0-9a-f-]{36}$/);
    ws.close();
    await expect.poll(() => fx.table.disposed).toEqual([clientId]);
    expect(fx.table.openStreams.get('engine.events')).toBe(0);
  });

  it('gives each connection its own client id', async () => {
    await start();
    for (const id of [1, 2]) {
      const ws = await connect();
      const box = inbox(ws);
      send(ws, { t: 'call', id, name: 'engine.status', input: {} });
      await box.next((m) => m.id === id);
    }
    const ids = new Set(fx.table.callContexts.map((c) => c.clientId));
    expect(ids.size).toBe(2);
  });
});

describe('web server: bounds on what one frame may cost', () => {
  /** A call frame whose input is `depth` one-element arrays inside each other, filling about `bytes`. */
  function deepFrame(id: number, depth: number): Uint8Array {
    const head = encode({ t: 'call', id, name: 'containers.list' });
    const frame = new Uint8Array(head.length + 5 + depth + 1);
    frame.set(head);
    frame[0] = 0x84; // the map gets a fourth entry: input
    let at = head.length;
    frame.set([0xa5, 0x69, 0x6e, 0x70, 0x75, 0x74], at); // "input"
    at += 6;
    frame.fill(0x91, at, at + depth - 1);
    frame[frame.length - 1] = 0x00;
    return frame.subarray(0, at + depth);
  }

  it('refuses a deeply nested frame with BAD_REQUEST before decoding it, and the connection and other clients keep working', async () => {
    await start();
    const attacker = await connect();
    const attackerBox = inbox(attacker);
    const bystander = await connect();
    const bystanderBox = inbox(bystander);
    const frame = deepFrame(1, maxFrameBytes - 64);
    for (let i = 0; i < 10; i += 1) attacker.send(frame);
    send(bystander, { t: 'call', id: 5, name: 'containers.list', input: {} });
    expect(await bystanderBox.next((m) => m.id === 5)).toMatchObject({ ok: true });
    await expect.poll(() => attackerBox.all.filter((m) => m.id === -1).length).toBe(10);
    for (const reply of attackerBox.all) {
      expect(reply).toMatchObject({
        t: 'result',
        id: -1,
        ok: false,
        error: { code: 'BAD_REQUEST', message: expect.stringContaining('nested more than 32 deep') },
      });
    }
    send(attacker, { t: 'call', id: 2, name: 'containers.list', input: {} });
    expect(await attackerBox.next((m) => m.id === 2)).toMatchObject({ ok: true });
    expect(attacker.readyState).toBe(WebSocket.OPEN);
  });

  it('refuses a frame of too many values the same way', async () => {
    await start();
    const ws = await connect();
    const box = inbox(ws);
    send(ws, { t: 'call', id: 3, name: 'containers.list', input: { a: new Array(200_000).fill(0) } });
    expect(await box.next((m) => m.id === -1)).toMatchObject({
      error: { code: 'BAD_REQUEST', message: expect.stringContaining('more than 100000 values') },
    });
  });

  it('accepts the largest legitimate frame: terminal input of 1,000,000 three-byte characters', async () => {
    await start();
    const ws = await connect();
    const box = inbox(ws);
    const frame = encode({ t: 'call', id: 4, name: 'terminal.input', input: { sessionId: 'session-0001', data: '€'.repeat(1_000_000) } });
    expect(frame.byteLength).toBeLessThanOrEqual(maxFrameBytes);
    ws.send(frame);
    expect(await box.next((m) => m.id === 4)).toEqual({ t: 'result', id: 4, ok: true, value: null });
  });

  it('closes a connection that sends a frame over the size limit (1009), and serves a new one', async () => {
    await start();
    const ws = await connect();
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    ws.send(new Uint8Array(maxFrameBytes + 1));
    expect(await closed).toBe(1009);
    const again = await connect();
    const box = inbox(again);
    send(again, { t: 'call', id: 1, name: 'containers.list', input: {} });
    expect(await box.next((m) => m.id === 1)).toMatchObject({ ok: true });
  });

  it('refuses a connection beyond the limit with 503, and accepts again once one closed', async () => {
    await start({ maxConnections: 2 });
    const first = await connect();
    await connect();
    await expect(connect()).rejects.toThrow('HTTP 503');
    const closed = new Promise<void>((resolve) => first.once('close', () => resolve()));
    first.close();
    await closed;
    await expect
      .poll(async () =>
        connect().then(
          () => 'open',
          (err: Error) => err.message,
        ),
      )
      .toBe('open');
  });

  it('never echoes an unbounded name in an error reply', async () => {
    await start();
    const ws = await connect();
    const box = inbox(ws);
    send(ws, { t: 'call', id: 6, name: 'n'.repeat(3 * 1024 * 1024), input: {} });
    send(ws, { t: 'sub', id: 7, name: 's'.repeat(3 * 1024 * 1024), input: {} });
    send(ws, { t: 'call', id: 8, name: 'containers.list', input: { ['k'.repeat(3 * 1024 * 1024)]: 1 } });
    send(ws, { t: 'call', id: 9, name: 'containers.list', input: {}, ['e'.repeat(3 * 1024 * 1024)]: 1 });
    for (const id of [6, 7, 8]) {
      const reply = await box.next((m) => m.id === id);
      expect(JSON.stringify(reply).length).toBeLessThan(1200);
    }
    expect(JSON.stringify(await box.next((m) => m.id === 9 || m.id === -1)).length).toBeLessThan(1200);
  });
});

describe("web server with the renderer's WsTransport", () => {
  function browserLikeTransport(token: string): WsTransport {
    const origin = `http://127.0.0.1:${fx.server.port}`;
    return new WsTransport({
      url: `ws://127.0.0.1:${fx.server.port}/rpc?token=${token}`,
      // The ws package sends no Origin by default; a browser always does.
      createSocket: (url) => new WebSocket(url, { origin }),
      backoffInitialMs: 20,
      backoffMaxMs: 50,
      probe: async () => {
        const reply = await httpGet(`/rpc?token=${token}`);
        return reply.status === 403 ? 'refused' : 'ok';
      },
    });
  }

  it('round-trips a call and a stream', async () => {
    await start();
    const transport = browserLikeTransport(fx.server.token);
    expect(await transport.call('containers.list', {})).toEqual({ ok: true, value: [] });
    const messages: unknown[] = [];
    transport.subscribe('terminal.output', { sessionId: 'session-0001' }, { onMessage: (m) => messages.push(m), onEnd: () => {} });
    await expect.poll(() => messages.length).toBe(1);
    expect((messages[0] as { data: Uint8Array }).data).toBeInstanceOf(Uint8Array);
    transport.close();
  });

  it('reports a refused token as unauthorized', async () => {
    await start();
    const transport = browserLikeTransport('wrong-token-0000');
    await expect.poll(() => transport.status.state).toBe('unauthorized');
    expect(await transport.call('containers.list', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    transport.close();
  });

  it('keeps a stream flowing across a server restart on the same port', async () => {
    await start();
    const token = fx.server.token;
    const port = fx.server.port;
    const transport = browserLikeTransport(token);
    const messages: unknown[] = [];
    transport.subscribe('engine.events', {}, { onMessage: (m) => messages.push(m), onEnd: () => {} });
    await expect.poll(() => fx.table.openStreams.get('engine.events')).toBe(1);
    fx.table.emitEvent({ type: 'container', action: 'start', id: 'a', timeNano: 1 });

    await fx.server.close();
    fx.table = createFakeHandlerTable();
    fx.server = await startWebServer({ router: createRouter(fx.table), host: '127.0.0.1', port, staticDir: fx.staticDir, token });
    await expect.poll(() => fx.table.openStreams.get('engine.events'), { timeout: 5_000 }).toBe(1);
    fx.table.emitEvent({ type: 'container', action: 'stop', id: 'a', timeNano: 2 });
    await expect.poll(() => messages.length).toBe(2);
    expect(transport.status.state).toBe('open');
    transport.close();
  });
});
