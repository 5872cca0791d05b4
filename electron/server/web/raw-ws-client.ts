// Test support: a hand-written client of the web transport (no renderer code), as an attacker or a
// script would write one: the token, MessagePack frames and the wire protocol, nothing else.
import { decode, encode } from '@msgpack/msgpack';
import { WebSocket } from 'ws';
import type { ServerMessage } from '../../../shared/wire.js';

export interface RawWsClient {
  /** Sends a call and resolves with its result frame. */
  call(id: number, name: string, input: unknown): Promise<ServerMessage>;
  /** Sends a subscription; its frames land in `received`. */
  subscribe(id: number, name: string, input: unknown): void;
  /** Leaves a stream; resolves after a round trip, so the server has handled it. */
  unsubscribe(id: number): Promise<void>;
  /** Resolves with the first frame (seen or future) that matches. */
  next(match: (m: ServerMessage) => boolean): Promise<ServerMessage>;
  readonly received: ServerMessage[];
  close(): Promise<void>;
}

export async function connectRawClient(port: number, token: string): Promise<RawWsClient> {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/rpc?token=${token}`, { origin: `http://127.0.0.1:${port}` });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const received: ServerMessage[] = [];
  const waiters: Array<{ match: (m: ServerMessage) => boolean; resolve: (m: ServerMessage) => void }> = [];
  ws.on('message', (data: Buffer) => {
    const message = decode(data) as ServerMessage;
    received.push(message);
    for (const waiter of waiters.filter((w) => w.match(message))) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve(message);
    }
  });
  const next = (match: (m: ServerMessage) => boolean): Promise<ServerMessage> => {
    const seen = received.find(match);
    return seen ? Promise.resolve(seen) : new Promise((resolve) => waiters.push({ match, resolve }));
  };
  return {
    received,
    next,
    call: (id, name, input) => {
      ws.send(encode({ t: 'call', id, name, input }));
      return next((m) => m.t === 'result' && m.id === id);
    },
    subscribe: (id, name, input) => ws.send(encode({ t: 'sub', id, name, input })),
    unsubscribe: async (id) => {
      ws.send(encode({ t: 'unsub', id }));
      // Frames are handled in order: once this call is answered, the unsub was too.
      ws.send(encode({ t: 'call', id: 2 ** 31 + id, name: 'engine.status', input: {} }));
      await next((m) => m.t === 'result' && m.id === 2 ** 31 + id);
    },
    close: () =>
      new Promise<void>((resolve) => {
        if (ws.readyState === WebSocket.CLOSED) return resolve();
        ws.once('close', () => resolve());
        ws.close();
      }),
  };
}
