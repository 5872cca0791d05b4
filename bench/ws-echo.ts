import { decode, encode } from '@msgpack/msgpack';
import { WebSocket } from 'ws';
import { median, percentile } from './bench-kit.js';
import { EchoTimer } from './echo-timer.js';

interface ServerFrame {
  t: 'result' | 'data' | 'end';
  id: number;
  ok?: boolean;
  value?: unknown;
  msg?: { kind: string; data?: Uint8Array };
}

/**
 * Keystroke echo through Berth's web server from a plain Node WebSocket client speaking Berth's
 * wire protocol (MessagePack frames): server, WebSocket and engine, no browser. Between this and
 * the browser figure lies Chromium itself (its network service, the page's main thread).
 */
export async function wsEcho(serverUrl: string, container: string, n: number): Promise<number[]> {
  const url = new URL(serverUrl);
  const socket = new WebSocket(`ws://${url.host}/rpc?token=${url.searchParams.get('token') ?? ''}`, {
    origin: `http://${url.host}`,
    perMessageDeflate: false,
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  let nextId = 1;
  const results = new Map<number, (value: unknown) => void>();
  const handlers: { onData?: (bytes: Uint8Array) => void } = {};
  socket.on('message', (raw: Buffer) => {
    const frame = decode(raw) as ServerFrame;
    if (frame.t === 'result') results.get(frame.id)?.(frame.ok ? frame.value : new Error(JSON.stringify(frame)));
    else if (frame.t === 'data' && frame.msg?.kind === 'data' && frame.msg.data) handlers.onData?.(frame.msg.data);
  });
  const call = (name: string, input: unknown): Promise<unknown> =>
    new Promise((resolve) => {
      const id = nextId++;
      results.set(id, resolve);
      socket.send(encode({ t: 'call', id, name, input }));
    });
  const opened = (await call('terminal.open', { containerId: container, shell: 'sh', cols: 120, rows: 30 })) as { sessionId: string };
  const sessionId = opened.sessionId;
  socket.send(encode({ t: 'sub', id: nextId++, name: 'terminal.output', input: { sessionId } }));
  const timer = new EchoTimer((data) => void call('terminal.input', { sessionId, data }));
  handlers.onData = (bytes) => {
    void call('terminal.ack', { sessionId, bytes: bytes.byteLength });
    timer.received(bytes);
  };
  const samples = await timer.time(n, 20);
  await call('terminal.close', { sessionId });
  socket.close();
  return samples;
}

export function printWsEcho(samples: number[]): string {
  return `median ${median(samples).toFixed(2)} ms, p95 ${percentile(samples, 95).toFixed(2)} ms`;
}
