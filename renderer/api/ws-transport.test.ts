import { decode, encode } from '@msgpack/msgpack';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RpcErrorPayload } from '../../shared/errors.js';
import type { CallResult, ClientMessage, ServerMessage } from '../../shared/wire.js';
import { transportMessages, type TransportStatus } from './transport-status.js';
import { WsTransport, type AuthProbe, type WebSocketLike, type WsTransportOptions } from './ws-transport.js';

/** A socket the test drives by hand: open it, drop it, push server frames, read client frames. */
class FakeSocket implements WebSocketLike {
  binaryType = 'blob';
  readyState = 0;
  readonly sent: ClientMessage[] = [];
  onopen: ((event: unknown) => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onclose: ((event: { code: number }) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;

  constructor(readonly url: string) {}

  send(data: Uint8Array): void {
    this.sent.push(decode(data) as ClientMessage);
  }
  close(): void {
    this.drop();
  }
  open(): void {
    this.readyState = 1;
    this.onopen?.({});
  }
  drop(): void {
    if (this.readyState === 3) return;
    this.readyState = 3;
    this.onerror?.({});
    this.onclose?.({ code: 1006 });
  }
  push(message: ServerMessage): void {
    const bytes = encode(message, { ignoreUndefined: true });
    this.onmessage?.({ data: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) });
  }
}

let sockets: FakeSocket[];
const last = (): FakeSocket => {
  const socket = sockets.at(-1);
  if (!socket) throw new Error('no socket yet');
  return socket;
};

function transport(extra: Partial<WsTransportOptions> = {}): WsTransport {
  return new WsTransport({
    url: 'ws://127.0.0.1:7420/rpc?token=t',
    createSocket: (url) => {
      const socket = new FakeSocket(url);
      sockets.push(socket);
      return socket;
    },
    random: () => 1,
    ...extra,
  });
}

function streamRecorder(): {
  messages: unknown[];
  ends: Array<RpcErrorPayload | undefined>;
  onMessage(m: unknown): void;
  onEnd(e?: RpcErrorPayload): void;
} {
  const messages: unknown[] = [];
  const ends: Array<RpcErrorPayload | undefined> = [];
  return { messages, ends, onMessage: (m) => void messages.push(m), onEnd: (e) => void ends.push(e) };
}

beforeEach(() => {
  sockets = [];
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('WsTransport', () => {
  it('connects at once, with binary frames, and reports open', () => {
    const t = transport();
    const statuses: TransportStatus[] = [];
    t.onStatus((s) => statuses.push(s));
    expect(t.status.state).toBe('connecting');
    expect(last().url).toBe('ws://127.0.0.1:7420/rpc?token=t');
    expect(last().binaryType).toBe('arraybuffer');
    last().open();
    expect(statuses).toEqual([{ state: 'open' }]);
  });

  it('matches results to calls by id', async () => {
    const t = transport();
    last().open();
    const a = t.call('containers.list', {});
    const b = t.call('images.list', {});
    const [callA, callB] = last().sent;
    expect(callA).toEqual({ t: 'call', id: 1, name: 'containers.list', input: {} });
    last().push({ t: 'result', id: 2, ok: false, error: { code: 'NOT_FOUND', message: 'gone' } });
    last().push({ t: 'result', id: callA?.id ?? 0, ok: true, value: ['x'] });
    expect(callB?.id).toBe(2);
    await expect(a).resolves.toEqual({ ok: true, value: ['x'] });
    await expect(b).resolves.toEqual({ ok: false, error: { code: 'NOT_FOUND', message: 'gone' } });
  });

  it('delivers stream messages as bytes and ends streams', () => {
    const t = transport();
    last().open();
    const rec = streamRecorder();
    t.subscribe('terminal.output', { sessionId: 'session-0001' }, rec);
    expect(last().sent).toEqual([{ t: 'sub', id: 1, name: 'terminal.output', input: { sessionId: 'session-0001' } }]);
    last().push({ t: 'data', id: 1, msg: { kind: 'data', data: new Uint8Array([1, 2, 255]) } });
    last().push({ t: 'end', id: 1, error: { code: 'NOT_FOUND', message: 'gone' } });
    last().push({ t: 'data', id: 1, msg: 'late' });
    expect(rec.messages).toHaveLength(1);
    const msg = rec.messages[0] as { data: Uint8Array };
    expect(msg.data).toBeInstanceOf(Uint8Array);
    expect([...msg.data]).toEqual([1, 2, 255]);
    expect(rec.ends).toEqual([{ code: 'NOT_FOUND', message: 'gone' }]);
  });

  it('unsubscribes once and ignores late messages', () => {
    const t = transport();
    last().open();
    const rec = streamRecorder();
    const off = t.subscribe('engine.events', {}, rec);
    off();
    off();
    last().push({ t: 'data', id: 1, msg: 'late' });
    expect(last().sent.map((m) => m.t)).toEqual(['sub', 'unsub']);
    expect(rec.messages).toEqual([]);
  });

  it('makes calls wait for the connection and sends them when it opens', async () => {
    const t = transport();
    const pending = t.call('containers.list', {});
    expect(last().sent).toEqual([]);
    last().open();
    expect(last().sent).toEqual([{ t: 'call', id: 1, name: 'containers.list', input: {} }]);
    last().push({ t: 'result', id: 1, ok: true, value: [] });
    await expect(pending).resolves.toEqual({ ok: true, value: [] });
  });

  it('fails in-flight calls at once when the socket drops, and waiting calls after ~10 s', async () => {
    const t = transport();
    last().open();
    const inFlight = t.call('containers.remove', { id: 'web' });
    last().drop();
    await expect(inFlight).resolves.toEqual({ ok: false, error: { code: 'INTERNAL', message: transportMessages.lostConnection } });

    let waited: CallResult | undefined;
    void t.call('containers.list', {}).then((r) => (waited = r));
    await vi.advanceTimersByTimeAsync(9_000);
    expect(waited).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1_001);
    expect(waited).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'Lost connection to the Berth server' } });
  });

  it('reconnects with growing backoff and re-subscribes active streams under the same ids', async () => {
    const t = transport({ backoffInitialMs: 100, backoffMaxMs: 400 });
    last().open();
    const events = streamRecorder();
    const status = streamRecorder();
    t.subscribe('engine.events', {}, events);
    const offStatus = t.subscribe('engine.status', {}, status);
    offStatus();
    const statuses: TransportStatus[] = [];
    t.onStatus((s) => statuses.push(s));

    last().drop();
    expect(statuses.at(-1)).toMatchObject({ state: 'reconnecting', attempt: 1, retryInMs: 100 });
    expect(events.ends).toEqual([]); // a dropped socket does not end streams
    await vi.advanceTimersByTimeAsync(100);
    expect(sockets).toHaveLength(2);
    last().drop(); // the server is still down
    expect(statuses.at(-1)).toMatchObject({ state: 'reconnecting', attempt: 2, retryInMs: 200 });
    await vi.advanceTimersByTimeAsync(200);
    last().drop();
    await vi.advanceTimersByTimeAsync(400);
    last().drop();
    expect(statuses.at(-1)).toMatchObject({ attempt: 4, retryInMs: 400 });
    await vi.advanceTimersByTimeAsync(400);

    last().open();
    expect(statuses.at(-1)).toEqual({ state: 'open' });
    expect(last().sent).toEqual([{ t: 'sub', id: 1, name: 'engine.events', input: {} }]);
    last().push({ t: 'data', id: 1, msg: 'after restart' });
    expect(events.messages).toEqual(['after restart']);
  });

  it('reconnectNow skips the wait', async () => {
    const t = transport({ backoffInitialMs: 5_000 });
    last().open();
    last().drop();
    expect(sockets).toHaveLength(1);
    t.reconnectNow();
    expect(sockets).toHaveLength(2);
  });

  it('without a token reports unauthorized with the message, never connects, and refuses calls and streams', async () => {
    const t = transport({ url: undefined });
    expect(sockets).toHaveLength(0);
    expect(t.status).toEqual({ state: 'unauthorized', message: 'This page needs the link Berth printed (with ?token=...)' });
    await expect(t.call('containers.list', {})).resolves.toEqual({
      ok: false,
      error: { code: 'FORBIDDEN', message: 'This page needs the link Berth printed (with ?token=...)' },
    });
    const rec = streamRecorder();
    t.subscribe('engine.events', {}, rec);
    await Promise.resolve();
    expect(rec.ends).toEqual([expect.objectContaining({ code: 'FORBIDDEN' })]);
  });

  it('when the handshake fails and the probe says refused, reports unauthorized and stops', async () => {
    const probe = vi.fn<AuthProbe>(async () => 'refused');
    const t = transport({ probe });
    const rec = streamRecorder();
    t.subscribe('engine.events', {}, rec);
    const pending = t.call('containers.list', {});
    last().drop(); // never opened: browsers hide the 403
    await vi.advanceTimersByTimeAsync(0);
    expect(probe).toHaveBeenCalledOnce();
    expect(t.status).toEqual({ state: 'unauthorized', message: transportMessages.refusedToken });
    expect(transportMessages.refusedToken).toContain('This page needs the link Berth printed (with ?token=...)');
    await expect(pending).resolves.toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(rec.ends).toEqual([expect.objectContaining({ code: 'FORBIDDEN' })]);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(sockets).toHaveLength(1);
  });

  it('when the probe says the page has no token at all, reports unauthorized with the missing-token message', async () => {
    const probe = vi.fn<AuthProbe>(async () => 'missing');
    const t = transport({ probe });
    last().drop();
    await vi.advanceTimersByTimeAsync(0);
    expect(t.status).toEqual({ state: 'unauthorized', message: transportMessages.missingToken });
    await expect(t.call('containers.list', {})).resolves.toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', message: transportMessages.missingToken },
    });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(sockets).toHaveLength(1);
  });

  it('keeps retrying when the probe finds the server down', async () => {
    const probe = vi.fn<AuthProbe>(async () => 'unreachable');
    const t = transport({ probe, backoffInitialMs: 100 });
    last().drop();
    await vi.advanceTimersByTimeAsync(0);
    expect(t.status.state).toBe('reconnecting');
    await vi.advanceTimersByTimeAsync(100);
    expect(sockets).toHaveLength(2);
  });

  it('survives garbage from the server and throwing stream handlers', async () => {
    const t = transport();
    last().open();
    t.subscribe(
      'engine.events',
      {},
      {
        onMessage: () => {
          throw new Error('ui bug');
        },
        onEnd: () => {},
      },
    );
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    last().onmessage?.({ data: new Uint8Array([0xc1]).buffer });
    last().onmessage?.({ data: 'text' });
    last().push({ t: 'data', id: 1, msg: 1 });
    last().push({ t: 'result', id: -1, ok: false, error: { code: 'BAD_REQUEST', message: 'x' } });
    const call = t.call('engine.status', {});
    last().push({ t: 'result', id: 2, ok: true, value: 'fine' });
    await expect(call).resolves.toEqual({ ok: true, value: 'fine' });
    warn.mockRestore();
    error.mockRestore();
  });

  it('close() fails waiting calls, ends streams and stops reconnecting', async () => {
    const t = transport();
    const rec = streamRecorder();
    t.subscribe('engine.events', {}, rec);
    const pending = t.call('containers.list', {});
    t.close();
    expect(t.status.state).toBe('closed');
    await expect(pending).resolves.toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(rec.ends).toEqual([undefined]);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(sockets).toHaveLength(1);
  });
});
