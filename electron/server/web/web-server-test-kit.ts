import { decode, encode } from '@msgpack/msgpack';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { WebSocket } from 'ws';
import type { ServerMessage } from '../../../shared/wire.js';
import { createRouter } from '../rpc/router.js';
import { createFakeHandlerTable, type FakeHandlerTable } from '../../test-support/fake-handler-table.js';
import { startWebServer, type WebServer } from './web-server.js';

// What the web server's tests share: a static folder with links that lead out of it, one server per
// test over a fake handler table, and raw HTTP and WebSocket clients.

/** A file beside the static folder: no request may ever return it. */
export const secret = 'TOP-SECRET-OUTSIDE-ROOT';

/** The current test's server and what it serves; set by useWebServerFixture's hooks and by start(). */
export const fx: { dir: string; staticDir: string; server: WebServer; table: FakeHandlerTable; sockets: WebSocket[] } = {
  dir: '',
  staticDir: '',
  server: undefined as unknown as WebServer,
  table: undefined as unknown as FakeHandlerTable,
  sockets: [],
};

/** Registers the hooks of a web-server test file: the static folder for the file, sockets and server closed after each test. */
export function useWebServerFixture(): void {
  beforeAll(async () => {
    fx.dir = await mkdtemp(path.join(tmpdir(), 'berth-web-'));
    fx.staticDir = path.join(fx.dir, 'renderer');
    const { dir, staticDir } = fx;
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
    await rm(fx.dir, { recursive: true, force: true });
  });

  afterEach(async () => {
    for (const ws of fx.sockets.splice(0)) ws.terminate();
    await fx.server.close();
  });
}

export async function start(extra: { allowedHosts?: string[]; maxConnections?: number } = {}): Promise<void> {
  fx.table = createFakeHandlerTable();
  fx.server = await startWebServer({ router: createRouter(fx.table), host: '127.0.0.1', port: 0, staticDir: fx.staticDir, ...extra });
}

export interface HttpReply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A raw HTTP request, so the test controls the path bytes and the Host header exactly. */
export function httpGet(rawPath: string, headers: Record<string, string> = {}, setHost = true): Promise<HttpReply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: fx.server.port, path: rawPath, headers, setHost }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end();
  });
}

export interface ConnectOptions {
  token?: string | null;
  origin?: string | null;
  host?: string;
  cookie?: string;
}

/** Opens /rpc like the page would; rejects with the HTTP status when the upgrade is refused. */
export function connect(options: ConnectOptions = {}): Promise<WebSocket> {
  const { server } = fx;
  const token = options.token === undefined ? server.token : options.token;
  const query = token === null ? '' : `?token=${encodeURIComponent(token)}`;
  const origin = options.origin === undefined ? `http://127.0.0.1:${server.port}` : options.origin;
  const ws = new WebSocket(`ws://127.0.0.1:${server.port}/rpc${query}`, {
    ...(origin === null ? {} : { origin }),
    headers: { ...(options.host ? { Host: options.host } : {}), ...(options.cookie ? { Cookie: options.cookie } : {}) },
  });
  fx.sockets.push(ws);
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode ?? 0}`)));
    ws.once('error', reject);
  });
}

/** Collects decoded server messages and waits for the one a test expects. */
export function inbox(ws: WebSocket): { next(match: (m: ServerMessage) => boolean): Promise<ServerMessage>; all: ServerMessage[] } {
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

export const send = (ws: WebSocket, message: unknown): void => ws.send(encode(message));
