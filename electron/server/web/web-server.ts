import { randomBytes, randomUUID } from 'node:crypto';
import { realpath } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Router } from '../rpc/router.js';
import { hostForUrl, isWildcardHostname } from './host-names.js';
import { createGuardConfig, isAllowedHost, isOwnOrigin, tokenMatches, type GuardConfig } from './request-guard.js';
import { securityHeaders, serveStaticFile } from './static-files.js';
import { addressWithoutToken, hasTokenInQuery, presentedToken, tokenCookie } from './token-cookie.js';
import { serveWsClient } from './ws-client-session.js';

export interface WebServerOptions {
  readonly router: Router;
  readonly host: string;
  /** 0 picks any free port. */
  readonly port: number;
  /** The built renderer (dist/renderer). */
  readonly staticDir: string;
  /** The secret the page must present to open /rpc; generated when not given. */
  readonly token?: string;
  /** Host names accepted besides loopback, e.g. the LAN address given as --host. */
  readonly allowedHosts?: readonly string[];
  /** How often dead sockets are detected; half-open LAN connections would otherwise hold terminals. */
  readonly heartbeatMs?: number;
  /** Open /rpc connections at once (default `maxConnections`). */
  readonly maxConnections?: number;
}

/**
 * Each connection is a client with its own allowance of streams and terminals, so the number of
 * connections bounds the whole server. One per browser tab; a reloaded tab closes its old one.
 */
export const maxConnections = 64;

export interface WebServer {
  /** Where to open the UI, without the token: http://127.0.0.1:7420/ */
  readonly url: string;
  readonly port: number;
  readonly token: string;
  close(): Promise<void>;
}

const rpcPath = '/rpc';
/** Where the page posts a pasted token, so it never appears in an address at all. */
const loginPath = '/login';
/** A token is at most 256 characters (web-options.ts); a login body has no reason to be larger. */
const maxLoginBodyBytes = 1024;
/**
 * The largest legitimate frames are `terminal.input` and an inline Dockerfile: at most 1,000,000
 * UTF-16 characters (contract), so at most 3,000,000 bytes of UTF-8, plus the message around them.
 * Upload chunks are 1 MiB. What a frame may cost to decode is bounded separately (frame-shape.ts).
 */
export const maxFrameBytes = 3 * 1024 * 1024 + 64 * 1024;

const statusTexts = { 400: 'Bad Request', 403: 'Forbidden', 404: 'Not Found', 503: 'Service Unavailable' } as const;

function refuseUpgrade(socket: Duplex, status: keyof typeof statusTexts, reason: string): void {
  const body = `${reason}\n`;
  socket.end(
    `HTTP/1.1 ${status} ${statusTexts[status]}\r\n` +
      'Connection: close\r\nContent-Type: text/plain; charset=utf-8\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}

/** Why an upgrade is refused, or undefined when it may proceed. Every check must pass. */
function upgradeRefusal(req: IncomingMessage, guard: GuardConfig): { status: 403 | 404; reason: string } | undefined {
  const host = req.headers.host;
  if (!isAllowedHost(host, guard)) return { status: 403, reason: 'Host not allowed' };
  const url = new URL(req.url ?? '/', 'http://placeholder');
  if (url.pathname !== rpcPath) return { status: 404, reason: 'No WebSocket endpoint here' };
  if (!isOwnOrigin(req.headers.origin, host)) return { status: 403, reason: 'Origin not allowed' };
  if (!tokenMatches(presentedToken(req, guard.port).token, guard.token)) return { status: 403, reason: 'Missing or wrong token' };
  return undefined;
}

/**
 * `/?token=...` (the printed link): set the cookie when the token is right, and in every case send
 * the browser on to the address without the token, which is then all its history keeps.
 */
function tradeTokenForCookie(req: IncomingMessage, res: ServerResponse, guard: GuardConfig, headers: Record<string, string>): void {
  const given = new URL(req.url ?? '/', 'http://placeholder').searchParams.get('token');
  const right = tokenMatches(given, guard.token);
  res.writeHead(303, {
    ...headers,
    Location: addressWithoutToken(req),
    'Cache-Control': 'no-store',
    'Content-Type': 'text/plain; charset=utf-8',
    ...(right ? { 'Set-Cookie': tokenCookie(guard.port, guard.token) } : {}),
  });
  res.end(right ? 'Signed in: continuing without the token in the address\n' : 'Wrong token: continuing without it\n');
}

function handleHttp(req: IncomingMessage, res: ServerResponse, guard: GuardConfig, root: string): void {
  const host = req.headers.host;
  if (!isAllowedHost(host, guard) || host === undefined) {
    res.writeHead(403, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('Host not allowed\n');
    return;
  }
  const headers = securityHeaders(host);
  const pathname = (req.url ?? '/').split(/[?#]/, 1)[0];
  if (pathname === rpcPath) {
    // A plain GET on /rpc lets the page tell "wrong token" from "server down": browsers hide the
    // status of a refused WebSocket handshake. It answers only yes/no about a 256-bit secret.
    const { token, from } = presentedToken(req, guard.port);
    const ok = tokenMatches(token, guard.token);
    res.writeHead(ok ? 426 : 403, {
      ...headers,
      'Content-Type': 'text/plain; charset=utf-8',
      'Cache-Control': 'no-store',
      ...(ok ? { Upgrade: 'websocket' } : {}),
    });
    res.end(ok ? 'Upgrade Required\n' : from === 'none' ? 'Missing token\n' : 'Wrong token\n');
    return;
  }
  if (pathname === loginPath) {
    handleLogin(req, res, guard, headers);
    return;
  }
  if (hasTokenInQuery(req)) {
    tradeTokenForCookie(req, res, guard, headers);
    return;
  }
  serveStaticFile(req, res, root, headers).catch((err: unknown) => {
    console.error(`[berth web] serving ${req.url ?? ''} failed: ${String(err)}`);
    res.destroy();
  });
}

/**
 * POST /login with the token as the body (text): sets the same cookie as the printed link, with no
 * address involved, so the browser's history and session files never hold the token. Only the
 * page this server served may post (Origin), and the body is small.
 */
function handleLogin(req: IncomingMessage, res: ServerResponse, guard: GuardConfig, headers: Record<string, string>): void {
  const reply = (status: 204 | 403 | 405 | 413, text: string, extra: Record<string, string> = {}): void => {
    res.writeHead(status, { ...headers, 'Cache-Control': 'no-store', 'Content-Type': 'text/plain; charset=utf-8', ...extra });
    res.end(status === 204 ? undefined : `${text}\n`);
  };
  if (req.method !== 'POST') return reply(405, 'Use POST', { Allow: 'POST' });
  if (!isOwnOrigin(req.headers.origin, req.headers.host)) return reply(403, 'Origin not allowed');
  const chunks: Buffer[] = [];
  let size = 0;
  let refused = false;
  req.on('data', (chunk: Buffer) => {
    if (refused) return;
    size += chunk.byteLength;
    if (size > maxLoginBodyBytes) {
      refused = true;
      reply(413, 'Too large');
      req.destroy();
      return;
    }
    chunks.push(chunk);
  });
  req.on('end', () => {
    if (refused) return;
    const given = Buffer.concat(chunks).toString('utf8').trim();
    if (!tokenMatches(given, guard.token)) return reply(403, given === '' ? 'Missing token' : 'Wrong token');
    reply(204, '', { 'Set-Cookie': tokenCookie(guard.port, guard.token) });
  });
  req.on('error', () => res.destroy());
}

function listen(server: ReturnType<typeof createServer>, port: number, host: string): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    const onError = (err: Error): void => reject(err);
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve(server.address() as AddressInfo);
    });
  });
}

/** Serves the renderer and the /rpc WebSocket from one HTTP server; see request-guard.ts for who may connect. */
export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const token = options.token ?? randomBytes(32).toString('hex');
  if (token.length === 0) throw new Error('The web token must not be empty');
  // The real path, so symlink checks in static-files.ts compare like with like; a missing build serves 404s.
  const root = await realpath(options.staticDir).catch(() => path.resolve(options.staticDir));

  const wss = new WebSocketServer({ noServer: true, maxPayload: maxFrameBytes, perMessageDeflate: false });
  const alive = new WeakSet<WebSocket>();
  // A wildcard bind also listens on loopback, which is the address that works in the printed link.
  const urlHost = isWildcardHostname(options.host) ? (options.host.includes(':') ? '[::1]' : '127.0.0.1') : hostForUrl(options.host);
  // Every name the server listens on or prints is accepted as Host (--host 127.0.0.2 printed a link it then refused).
  const allowedHosts = [...(options.allowedHosts ?? []), urlHost, ...(isWildcardHostname(options.host) ? [] : [options.host])];
  let guard = createGuardConfig(options.port, token, allowedHosts);

  const server = createServer((req, res) => handleHttp(req, res, guard, root));
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    const refusal = upgradeRefusal(req, guard);
    if (refusal) {
      refuseUpgrade(socket, refusal.status, refusal.reason);
      return;
    }
    const limit = options.maxConnections ?? maxConnections;
    if (wss.clients.size >= limit) {
      refuseUpgrade(socket, 503, `Too many open connections (${limit}): close other Berth tabs`);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      alive.add(ws);
      ws.on('pong', () => alive.add(ws));
      serveWsClient(ws, options.router, randomUUID());
    });
  });
  // A bad request line or a reset socket must not take the server down.
  server.on('clientError', (_err, socket) => socket.destroy());

  const address = await listen(server, options.port, options.host);
  guard = createGuardConfig(address.port, token, allowedHosts);

  const heartbeat = setInterval(() => {
    for (const ws of wss.clients) {
      if (!alive.has(ws)) {
        ws.terminate();
        continue;
      }
      alive.delete(ws);
      ws.ping();
    }
  }, options.heartbeatMs ?? 30_000);
  heartbeat.unref();

  let closing: Promise<void> | undefined;
  return {
    url: `http://${urlHost}:${address.port}/`,
    port: address.port,
    token,
    close() {
      closing ??= new Promise<void>((resolve) => {
        clearInterval(heartbeat);
        for (const ws of wss.clients) ws.terminate();
        wss.close();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
