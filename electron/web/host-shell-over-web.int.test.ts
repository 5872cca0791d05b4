import { decode, encode } from '@msgpack/msgpack';
import { execFileSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { ServerMessage } from '../../shared/wire.js';
import { createBerthApp, type BerthApp } from '../app/create-app.js';
import { createRouter } from '../rpc/router.js';
import { startWebServer, type WebServer } from './web-server.js';

/** Programs whose parent is this process: a host shell is one (node-pty forks it from here). */
function childPrograms(): string[] {
  try {
    return execFileSync('ps', ['--ppid', String(process.pid), '-o', 'comm='], { encoding: 'utf8' }).split('\n').filter(Boolean).filter((c) => c !== 'ps');
  } catch {
    return []; // ps exits 1 when there are none
  }
}

let app: BerthApp | undefined;
let server: WebServer | undefined;

afterEach(async () => {
  await server?.close();
  await app?.close();
  server = undefined;
  app = undefined;
});

/** The real server in-process, over the real engine, as `npm run web` builds it. */
async function startBerth(allowHostShellOverWeb: boolean): Promise<WebServer> {
  app = await createBerthApp({ allowHostShellOverWeb });
  server = await startWebServer({ router: createRouter(app.handlers), host: '127.0.0.1', port: 0, staticDir: '/nonexistent-berth-static' });
  return server;
}

/** A hand-written client: no renderer code, just the token, MessagePack and the wire protocol. */
async function rawClient(web: WebServer): Promise<{ call(id: number, name: string, input: unknown): Promise<ServerMessage>; close(): void }> {
  const ws = new WebSocket(`ws://127.0.0.1:${web.port}/rpc?token=${web.token}`, { origin: `http://127.0.0.1:${web.port}` });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const replies = new Map<number, (m: ServerMessage) => void>();
  ws.on('message', (data: Buffer) => {
    const message = decode(data) as ServerMessage;
    replies.get(message.id)?.(message);
  });
  return {
    call: (id, name, input) =>
      new Promise((resolve) => {
        replies.set(id, resolve);
        ws.send(encode({ t: 'call', id, name, input }));
      }),
    close: () => ws.close(),
  };
}

describe('host shell over the web transport, through the real server', () => {
  it('is refused to a raw WebSocket client holding the token when the server was not started with --allow-host-shell', async () => {
    const client = await rawClient(await startBerth(false));
    const before = childPrograms();
    const reply = await client.call(1, 'terminal.openHost', { cols: 80, rows: 24 });
    expect(reply).toMatchObject({ t: 'result', ok: false, error: { code: 'FORBIDDEN', message: expect.stringContaining('--allow-host-shell') } });
    expect(childPrograms()).toEqual(before);
    expect(app?.services.terminals.openCount).toBe(0);
    const capabilities = await client.call(2, 'terminal.capabilities', {});
    expect(capabilities).toMatchObject({ ok: true, value: { hostShell: { allowed: false } } });
    client.close();
  });

  it('opens one with --allow-host-shell, so the refusal above is the check and not a broken path', async () => {
    const client = await rawClient(await startBerth(true));
    const reply = await client.call(1, 'terminal.openHost', { cols: 80, rows: 24 });
    expect(reply).toMatchObject({ t: 'result', ok: true, value: { sessionId: expect.any(String) } });
    expect(app?.services.terminals.openCount).toBe(1);
    const sessionId = (reply as { value: { sessionId: string } }).value.sessionId;
    expect(await client.call(2, 'terminal.close', { sessionId })).toMatchObject({ ok: true });
    client.close();
  });
});
