import { decode, encode } from '@msgpack/msgpack';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { ServerMessage } from '../../../shared/wire.js';
import { WsTransport } from '../../../renderer/api/ws-transport.js';
import { createRouter } from '../rpc/router.js';
import { createFakeHandlerTable, type FakeHandlerTable } from '../../test-support/fake-handler-table.js';
import { tokenCookieName } from './token-cookie.js';
import { maxFrameBytes, startWebServer, type WebServer } from './web-server.js';

const secret = 'TOP-SECRET-OUTSIDE-ROOT';
let dir: string;
let staticDir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'berth-web-'));
  staticDir = path.join(dir, 'renderer');
  await mkdir(path.join(staticDir, 'assets'), { recursive: true });
  await writeFile(path.join(staticDir, 'index.html'), '<!doctype html><title>Berth</title>');
  await writeFile(path.join(staticDir, 'assets', 'app-1234.js'), 'console.log(1)');
  await writeFile(path.join(dir, 'secret.txt'), secret);
  // Links inside the static folder: two lead out of it, one stays inside.
  await symlink(path.join(dir, 'secret.txt'), path.join(staticDir, 'leak.txt'));
  await mkdir(path.join(dir, 'outside'));
  await writeFile(path.join(dir, 'outside', 'inner.txt'), secret);
  await symlink(path.join(dir, 'outside'), path.join(staticDir, 'assets', 'out'));
  await symlink('app-1234.js', path.join(staticDir, 'assets', 'alias.js'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

let server: WebServer;
let table: FakeHandlerTable;
const sockets: WebSocket[] = [];

async function start(extra: { allowedHosts?: string[]; maxConnections?: number } = {}): Promise<void> {
  table = createFakeHandlerTable();
  server = await startWebServer({ router: createRouter(table), host: '127.0.0.1', port: 0, staticDir, ...extra });
}

afterEach(async () => {
  for (const ws of sockets.splice(0)) ws.terminate();
  await server.close();
});

interface HttpReply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A raw HTTP request, so the test controls the path bytes and the Host header exactly. */
function httpGet(rawPath: string, headers: Record<string, string> = {}, setHost = true): Promise<HttpReply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path: rawPath, headers, setHost }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end();
  });
}

interface ConnectOptions {
  token?: string | null;
  origin?: string | null;
  host?: string;
  cookie?: string;
}

/** Opens /rpc like the page would; rejects with the HTTP status when the upgrade is refused. */
function connect(options: ConnectOptions = {}): Promise<WebSocket> {
  const token = options.token === undefined ? server.token : options.token;
  const query = token === null ? '' : `?token=${encodeURIComponent(token)}`;
  const origin = options.origin === undefined ? `http://127.0.0.1:${server.port}` : options.origin;
  const ws = new WebSocket(`ws://127.0.0.1:${server.port}/rpc${query}`, {
    ...(origin === null ? {} : { origin }),
    headers: { ...(options.host ? { Host: options.host } : {}), ...(options.cookie ? { Cookie: options.cookie } : {}) },
  });
  sockets.push(ws);
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode ?? 0}`)));
    ws.once('error', reject);
  });
}

/** Collects decoded server messages and waits for the one a test expects. */
function inbox(ws: WebSocket): { next(match: (m: ServerMessage) => boolean): Promise<ServerMessage>; all: ServerMessage[] } {
  const all: ServerMessage[] = [];
  const waiters: Array<{ match: (m: ServerMessage) => boolean; resolve: (m: ServerMessage) => void }> = [];
  ws.on('message', (data: Buffer) => {
    const message = decode(data) as ServerMessage;
    all.push(message);
    const i = waiters.findIndex((w) => w.match(message));
    if (i !== -1) waiters.splice(i, 1)[0]?.resolve(message);
  });
  return {
    all,
    next: (match) => {
      const seen = all.find(match);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve) => waiters.push({ match, resolve }));
    },
  };
}

const send = (ws: WebSocket, message: unknown): void => ws.send(encode(message));

describe('web server: who may connect', () => {
  it('refuses an upgrade with a wrong token', async () => {
    await start();
    await expect(connect({ token: 'f'.repeat(64) })).rejects.toThrow('HTTP 403');
  });

  it('refuses an upgrade without a token', async () => {
    await start();
    await expect(connect({ token: null })).rejects.toThrow('HTTP 403');
    await expect(connect({ token: '' })).rejects.toThrow('HTTP 403');
  });

  it('refuses an upgrade with a foreign Host (DNS rebinding), even with the right token and a matching Origin', async () => {
    await start();
    const host = `evil.example:${server.port}`;
    await expect(connect({ host, origin: `http://${host}` })).rejects.toThrow('HTTP 403');
  });

  it('refuses a loopback Host with another port', async () => {
    await start();
    await expect(connect({ host: `127.0.0.1:${server.port + 1}` })).rejects.toThrow('HTTP 403');
  });

  it('refuses an upgrade from a foreign Origin (CSRF) or without Origin', async () => {
    await start();
    await expect(connect({ origin: 'http://evil.example' })).rejects.toThrow('HTTP 403');
    await expect(connect({ origin: `https://127.0.0.1:${server.port}` })).rejects.toThrow('HTTP 403');
    await expect(connect({ origin: 'null' })).rejects.toThrow('HTTP 403');
    await expect(connect({ origin: null })).rejects.toThrow('HTTP 403');
  });

  it('accepts localhost and an allowed LAN name when Origin matches that Host', async () => {
    await start({ allowedHosts: ['berth.lan'] });
    for (const host of [`localhost:${server.port}`, `berth.lan:${server.port}`]) {
      const ws = await connect({ host, origin: `http://${host}` });
      expect(ws.readyState).toBe(WebSocket.OPEN);
    }
  });

  it.each(['127.0.0.2', '::1', 'localhost', '0.0.0.0'])('accepts the address of its own printed link when bound to %s', async (host) => {
    table = createFakeHandlerTable();
    server = await startWebServer({ router: createRouter(table), host, port: 0, staticDir });
    const printed = new URL(server.url);
    const page = await new Promise<number>((resolve, reject) => {
      const req = request({ host: printed.hostname.replace(/^\[|\]$/g, ''), port: server.port, path: '/' }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });
    expect(page).toBe(200);
    const ws = new WebSocket(`ws://${printed.host}/rpc?token=${server.token}`, { origin: printed.origin });
    sockets.push(ws);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode ?? 0}`)));
      ws.once('error', reject);
    });
    // Still no foreign names.
    expect((await httpGet('/', { Host: `evil.example:${server.port}` }).catch(() => ({ status: 0 }))).status).not.toBe(200);
  });

  it('answers a plain GET on /rpc with 426 for the right token and 403 otherwise, so the page can tell', async () => {
    await start();
    expect((await httpGet(`/rpc?token=${server.token}`)).status).toBe(426);
    expect((await httpGet('/rpc?token=wrong')).status).toBe(403);
    expect((await httpGet('/rpc')).status).toBe(403);
  });
});

describe('web server: the token traded for a cookie', () => {
  it('answers the printed link with a redirect to the address without the token, an HttpOnly SameSite=Strict cookie and no-store', async () => {
    await start();
    const reply = await httpGet(`/?token=${server.token}`);
    expect(reply.status).toBe(303);
    expect(reply.headers.location).toBe('/');
    expect(reply.headers['cache-control']).toBe('no-store');
    const cookie = String(reply.headers['set-cookie']);
    expect(cookie).toBe(`${tokenCookieName(server.port)}=${server.token}; HttpOnly; SameSite=Strict; Path=/`);
    expect(reply.body).not.toContain(server.token);
    expect(reply.headers['referrer-policy']).toBe('no-referrer');
  });

  it('keeps the other parts of the address, and never redirects off the server', async () => {
    await start();
    expect((await httpGet(`/?view=images&token=${server.token}`)).headers.location).toBe('/?view=images');
    for (const sneaky of ['/.//evil.example/', '//evil.example/', '/%2F%2Fevil.example/']) {
      const location = String((await httpGet(`${sneaky}?token=${server.token}`)).headers.location);
      expect(location).toMatch(/^\/(?!\/)/);
      expect(new URL(location, 'http://127.0.0.1').host).toBe('127.0.0.1');
    }
  });

  it('sets no cookie for a wrong or empty token, but still drops it from the address', async () => {
    await start();
    for (const query of ['?token=wrong-token-000000', '?token=']) {
      const reply = await httpGet(`/${query}`);
      expect(reply.status).toBe(303);
      expect(reply.headers.location).toBe('/');
      expect(reply.headers['set-cookie']).toBeUndefined();
    }
  });

  it('serves the page itself with no-store, and hashed bundles as immutable', async () => {
    await start();
    expect((await httpGet('/')).headers['cache-control']).toBe('no-store');
    expect((await httpGet('/index.html')).headers['cache-control']).toBe('no-store');
    expect((await httpGet('/assets/app-1234.js')).headers['cache-control']).toContain('immutable');
  });

  it("opens /rpc with the cookie alone, and refuses a wrong cookie or another port's cookie", async () => {
    await start();
    const name = tokenCookieName(server.port);
    const ws = await connect({ token: null, cookie: `other=1; ${name}=${server.token}` });
    expect(ws.readyState).toBe(WebSocket.OPEN);
    await expect(connect({ token: null, cookie: `${name}=${'f'.repeat(64)}` })).rejects.toThrow('HTTP 403');
    await expect(connect({ token: null, cookie: `${tokenCookieName(server.port + 1)}=${server.token}` })).rejects.toThrow('HTTP 403');
    // A wrong cookie is not rescued by nothing; the query is only the fallback for clients without one.
    await expect(connect({ token: null, cookie: `${name}=` })).rejects.toThrow('HTTP 403');
  });

  /** POST /login as the page would (fetch from its own origin), or as another site would. */
  function postLogin(body: string | Buffer, origin: string | null = `http://127.0.0.1:${server.port}`): Promise<HttpReply> {
    return new Promise((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: server.port,
          path: '/login',
          method: 'POST',
          headers: { 'Content-Type': 'text/plain', ...(origin === null ? {} : { Origin: origin }) },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
        },
      );
      req.on('error', (err) =>
        String(err).includes('EPIPE') || String(err).includes('ECONNRESET') ? resolve({ status: 413, headers: {}, body: '' }) : reject(err),
      );
      req.end(body);
    });
  }

  it('signs in a pasted token through POST /login, with no address holding it', async () => {
    await start();
    const reply = await postLogin(`${server.token}\n`);
    expect(reply.status).toBe(204);
    expect(reply.headers['set-cookie']).toEqual([`${tokenCookieName(server.port)}=${server.token}; HttpOnly; SameSite=Strict; Path=/`]);
    expect(reply.headers['cache-control']).toBe('no-store');
  });

  it('refuses a login with a wrong or empty token, from another origin, by another method, or too large', async () => {
    await start();
    for (const [body, origin] of [
      ['wrong-token-00000000', undefined],
      ['', undefined],
      [server.token, 'http://evil.example'],
      [server.token, null],
    ] as const) {
      const reply = await postLogin(body, origin);
      expect(reply.status).toBe(403);
      expect(reply.headers['set-cookie']).toBeUndefined();
    }
    expect((await httpGet('/login')).status).toBe(405);
    const huge = await postLogin(Buffer.alloc(64 * 1024, 'a'));
    expect(huge.status).toBe(413);
    expect(huge.headers['set-cookie']).toBeUndefined();
  });

  it('tells the page whether its cookie is missing or wrong on a plain GET /rpc', async () => {
    await start();
    const name = tokenCookieName(server.port);
    expect((await httpGet('/rpc', { Cookie: `${name}=${server.token}` })).status).toBe(426);
    const missing = await httpGet('/rpc');
    expect([missing.status, missing.body]).toEqual([403, 'Missing token\n']);
    const wrong = await httpGet('/rpc', { Cookie: `${name}=nope-nope-nope-nope` });
    expect([wrong.status, wrong.body]).toEqual([403, 'Wrong token\n']);
  });
});

describe('web server: static files', () => {
  it('serves index.html for / with the CSP and a correct content type', async () => {
    await start();
    const reply = await httpGet('/');
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(reply.body).toContain('<title>Berth</title>');
    const csp = String(reply.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain(`connect-src 'self' ws://127.0.0.1:${server.port}`);
    expect(reply.headers['referrer-policy']).toBe('no-referrer');
  });

  it('serves bundles with a JavaScript content type', async () => {
    await start();
    const reply = await httpGet('/assets/app-1234.js');
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toBe('text/javascript; charset=utf-8');
  });

  it('refuses any request with a foreign Host', async () => {
    await start();
    const reply = await httpGet('/', { Host: `evil.example:${server.port}` });
    expect(reply.status).toBe(403);
    expect(reply.body).not.toContain('Berth');
    // Without any Host, Node itself answers 400 before our handler; either way nothing is served.
    expect([400, 403]).toContain((await httpGet('/', {}, false)).status);
  });

  it.each([
    '/../secret.txt',
    '/..%2fsecret.txt',
    '/%2e%2e/secret.txt',
    '/assets/..%2f..%2fsecret.txt',
    '/..%5csecret.txt',
    '/assets/%2e%2e%5c%2e%2e%5csecret.txt',
  ])('refuses path traversal %s', async (rawPath) => {
    await start();
    const reply = await httpGet(rawPath);
    expect([400, 403]).toContain(reply.status);
    expect(reply.body).not.toContain(secret);
  });

  it.each(['/leak.txt', '/assets/out/inner.txt'])(
    'refuses %s, a symlink in the static folder leading outside it, and never sends the target',
    async (rawPath) => {
      await start();
      for (const method of ['GET', 'HEAD']) {
        const reply = await new Promise<HttpReply>((resolve, reject) => {
          const req = request({ host: '127.0.0.1', port: server.port, path: rawPath, method }, (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () =>
              resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
            );
          });
          req.on('error', reject);
          req.end();
        });
        expect(reply.status).toBe(403);
        expect(reply.body).not.toContain(secret);
        expect(reply.headers['content-length']).not.toBe(String(secret.length));
      }
    },
  );

  it('serves a symlink that stays inside the static folder', async () => {
    await start();
    const reply = await httpGet('/assets/alias.js');
    expect(reply.status).toBe(200);
    expect(reply.body).toBe('console.log(1)');
  });

  it('answers 404 for a missing file and 405 for other methods', async () => {
    await start();
    expect((await httpGet('/nope.js')).status).toBe(404);
    expect((await httpGet('/assets')).status).toBe(404);
    const status = await new Promise<number>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: server.port, path: '/', method: 'POST' }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(405);
  });
});

describe('web server: the RPC endpoint', () => {
  it('runs a call end to end over MessagePack', async () => {
    await start();
    const ws = await connect();
    const box = inbox(ws);
    send(ws, { t: 'call', id: 7, name: 'containers.list', input: {} });
    expect(await box.next((m) => m.id === 7)).toEqual({ t: 'result', id: 7, ok: true, value: [] });
    expect(table.callContexts[0]?.transport).toBe('ws');
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
    expect(table.openStreams.get('terminal.output')).toBe(1);

    send(ws, { t: 'unsub', id: 4 });
    send(ws, { t: 'call', id: 5, name: 'engine.status', input: {} });
    await box.next((m) => m.id === 5);
    expect(table.openStreams.get('terminal.output')).toBe(0);
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
    expect(table.emitEvent(event)).toEqual([true]);
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
    const clientId = table.callContexts[0]?.clientId;
    expect(clientId).toMatch(/^[0-9a-f-]{36}$/);
    ws.close();
    await expect.poll(() => table.disposed).toEqual([clientId]);
    expect(table.openStreams.get('engine.events')).toBe(0);
  });

  it('gives each connection its own client id', async () => {
    await start();
    for (const id of [1, 2]) {
      const ws = await connect();
      const box = inbox(ws);
      send(ws, { t: 'call', id, name: 'engine.status', input: {} });
      await box.next((m) => m.id === id);
    }
    const ids = new Set(table.callContexts.map((c) => c.clientId));
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
    const origin = `http://127.0.0.1:${server.port}`;
    return new WsTransport({
      url: `ws://127.0.0.1:${server.port}/rpc?token=${token}`,
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
    const transport = browserLikeTransport(server.token);
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
    const token = server.token;
    const port = server.port;
    const transport = browserLikeTransport(token);
    const messages: unknown[] = [];
    transport.subscribe('engine.events', {}, { onMessage: (m) => messages.push(m), onEnd: () => {} });
    await expect.poll(() => table.openStreams.get('engine.events')).toBe(1);
    table.emitEvent({ type: 'container', action: 'start', id: 'a', timeNano: 1 });

    await server.close();
    table = createFakeHandlerTable();
    server = await startWebServer({ router: createRouter(table), host: '127.0.0.1', port, staticDir, token });
    await expect.poll(() => table.openStreams.get('engine.events'), { timeout: 5_000 }).toBe(1);
    table.emitEvent({ type: 'container', action: 'stop', id: 'a', timeNano: 2 });
    await expect.poll(() => messages.length).toBe(2);
    expect(transport.status.state).toBe('open');
    transport.close();
  });
});
