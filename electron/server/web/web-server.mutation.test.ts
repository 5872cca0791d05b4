// The web server's answers byte for byte, through raw sockets (plain requests as HTTP/1.0, so bodies
// come unchunked), so `npm run test:mutate` finds each
// refusal, header and clean-up missing (web-server-access, -static and -rpc tests cover the behaviour end to end).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { createRouter } from '../rpc/router.js';
import { createFakeHandlerTable } from '../../test-support/fake-handler-table.js';
import { waitFor } from '../../test-support/engine-fixtures.js';
import { tokenCookieName } from './token-cookie.js';
import { startWebServer, type WebServer } from './web-server.js';

const token = 'mutation-test-token-0123456789';
let staticDir: string;
const servers: WebServer[] = [];
const sockets: Socket[] = [];

beforeAll(async () => {
  staticDir = await mkdtemp(path.join(tmpdir(), 'berth-web-mut-'));
  await writeFile(path.join(staticDir, 'index.html'), '<!doctype html><title>Berth</title>');
});

afterAll(async () => {
  await rm(staticDir, { recursive: true, force: true });
});

afterEach(async () => {
  for (const s of sockets.splice(0)) s.destroy();
  for (const s of servers.splice(0)) await s.close();
});

async function start(extra: Partial<Parameters<typeof startWebServer>[0]> = {}): Promise<WebServer> {
  const server = await startWebServer({
    router: createRouter(createFakeHandlerTable()),
    host: '127.0.0.1',
    port: 0,
    staticDir,
    token,
    ...extra,
  });
  servers.push(server);
  return server;
}

interface RawReply {
  readonly text: () => string;
  readonly closed: () => boolean;
  readonly socket: Socket;
}

/** Sends `head` as is on a new TCP connection and collects whatever comes back. */
function raw(port: number, head: string): RawReply {
  const socket = connect(port, '127.0.0.1');
  sockets.push(socket);
  let text = '';
  let closed = false;
  socket.on('data', (chunk: Buffer) => (text += chunk.toString('latin1')));
  socket.on('close', () => (closed = true));
  socket.on('error', () => undefined);
  socket.write(head);
  return { text: () => text, closed: () => closed, socket };
}

function upgradeHead(port: number, options: { path?: string; host?: string; origin?: string; cookie?: string } = {}): string {
  const host = options.host ?? `127.0.0.1:${port}`;
  return [
    `GET ${options.path ?? `/rpc?token=${token}`} HTTP/1.1`,
    `Host: ${host}`,
    `Origin: ${options.origin ?? `http://${host}`}`,
    ...(options.cookie ? [`Cookie: ${options.cookie}`] : []),
    'Upgrade: websocket',
    'Connection: Upgrade',
    'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
    'Sec-WebSocket-Version: 13',
    '',
    '',
  ].join('\r\n');
}

async function refusedUpgrade(port: number, options: Parameters<typeof upgradeHead>[1]): Promise<string> {
  const reply = raw(port, upgradeHead(port, options));
  await waitFor(() => (reply.closed() ? true : undefined), 'the server to end the refused upgrade');
  return reply.text();
}

function refusal(status: string, body: string): string {
  return `HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
}

describe('WebSocket upgrades, byte for byte', () => {
  it('refuses each failed check with its status line and reason, then closes', async () => {
    const { port } = await start();
    expect(await refusedUpgrade(port, { host: `evil.example:${port}` })).toBe(refusal('403 Forbidden', 'Host not allowed\n'));
    expect(await refusedUpgrade(port, { path: `/other?token=${token}` })).toBe(refusal('404 Not Found', 'No WebSocket endpoint here\n'));
    expect(await refusedUpgrade(port, { origin: 'http://evil.example' })).toBe(refusal('403 Forbidden', 'Origin not allowed\n'));
    expect(await refusedUpgrade(port, { path: '/rpc?token=wrong-token-0123456789' })).toBe(
      refusal('403 Forbidden', 'Missing or wrong token\n'),
    );
    expect(await refusedUpgrade(port, { path: '/rpc' })).toBe(refusal('403 Forbidden', 'Missing or wrong token\n'));
  });

  it('accepts the token from its cookie', async () => {
    const { port } = await start();
    const reply = raw(port, upgradeHead(port, { path: '/rpc', cookie: `${tokenCookieName(port)}=${token}` }));
    await waitFor(() => (reply.text().includes('\r\n\r\n') ? true : undefined), 'the handshake answer');
    expect(reply.text()).toMatch(/^HTTP\/1\.1 101 Switching Protocols\r\n/);
  });

  it('refuses past the connection limit with 503 and says how many', async () => {
    const { port } = await start({ maxConnections: 1 });
    const first = raw(port, upgradeHead(port));
    await waitFor(() => (first.text().startsWith('HTTP/1.1 101') ? true : undefined), 'the first connection');
    expect(await refusedUpgrade(port, {})).toBe(
      refusal('503 Service Unavailable', 'Too many open connections (1): close other Berth tabs\n'),
    );
  });

  it('ends a connection that stops answering pings, and keeps one that answers', async () => {
    const { port } = await start({ heartbeatMs: 40 });
    const silent = raw(port, upgradeHead(port));
    const lively = new WebSocket(`ws://127.0.0.1:${port}/rpc?token=${token}`, { origin: `http://127.0.0.1:${port}` });
    let pings = 0;
    lively.on('ping', () => (pings += 1));
    await waitFor(() => (silent.closed() ? true : undefined), 'the silent connection to be ended');
    await waitFor(() => (pings >= 4 ? true : undefined), 'four pings answered');
    expect(lively.readyState).toBe(WebSocket.OPEN);
    lively.terminate();
  });
});

describe('plain HTTP, byte for byte', () => {
  it('refuses a foreign or missing Host before anything else', async () => {
    const { port } = await start();
    const foreign = raw(port, `GET /index.html HTTP/1.0\r\nHost: evil.example:${port}\r\n\r\n`);
    await waitFor(() => (foreign.closed() ? true : undefined), 'the answer');
    expect(foreign.text()).toMatch(/^HTTP\/1\.1 403 Forbidden\r\n/);
    expect(foreign.text()).toMatch(/\r\nContent-Type: text\/plain; charset=utf-8\r\n/);
    expect(foreign.text()).toMatch(/\r\n\r\nHost not allowed\n$/);
    const hostless = raw(port, 'GET /index.html HTTP/1.0\r\n\r\n');
    await waitFor(() => (hostless.closed() ? true : undefined), 'the answer');
    expect(hostless.text()).toMatch(/^HTTP\/1\.1 403 Forbidden\r\n[\s\S]*Host not allowed\n$/);
  });

  it('answers the /rpc probe: missing, wrong, or right (426) with no-store and the security headers', async () => {
    const { port } = await start();
    const probe = async (query: string, cookie?: string): Promise<string> => {
      const reply = raw(port, `GET /rpc${query} HTTP/1.0\r\nHost: 127.0.0.1:${port}\r\n${cookie ? `Cookie: ${cookie}\r\n` : ''}\r\n`);
      await waitFor(() => (reply.closed() ? true : undefined), 'the probe answer');
      return reply.text();
    };
    const missing = await probe('');
    expect(missing).toMatch(/^HTTP\/1\.1 403 Forbidden\r\n/);
    expect(missing).toMatch(/\r\n\r\nMissing token\n$/);
    expect(await probe('?token=wrong-token-0123456789')).toMatch(/^HTTP\/1\.1 403 [\s\S]*\r\n\r\nWrong token\n$/);
    const right = await probe(`?token=${token}#x`);
    expect(right).toMatch(/^HTTP\/1\.1 426 Upgrade Required\r\n/);
    expect(right).toMatch(/\r\nUpgrade: websocket\r\n/);
    expect(right).toMatch(/\r\nCache-Control: no-store\r\n/);
    expect(right).toMatch(/\r\nContent-Type: text\/plain; charset=utf-8\r\n/);
    expect(right).toMatch(/\r\nContent-Security-Policy: default-src 'self'/);
    expect(right).toMatch(/\r\n\r\nUpgrade Required\n$/);
    expect(await probe('', `${tokenCookieName(port)}=${token}`)).toMatch(/^HTTP\/1\.1 426 /);
    expect(missing).not.toMatch(/\r\nUpgrade: /);
  });

  it('trades a right token in the address for the cookie, and a wrong one for nothing, redirecting without it', async () => {
    const { port } = await start();
    const visit = async (query: string): Promise<string> => {
      const reply = raw(port, `GET /${query} HTTP/1.0\r\nHost: 127.0.0.1:${port}\r\n\r\n`);
      await waitFor(() => (reply.closed() ? true : undefined), 'the redirect');
      return reply.text();
    };
    const right = await visit(`?token=${token}&tab=logs`);
    expect(right).toMatch(/^HTTP\/1\.1 303 See Other\r\n/);
    expect(right).toMatch(/\r\nLocation: \/\?tab=logs\r\n/);
    expect(right).toContain(`\r\nSet-Cookie: ${tokenCookieName(port)}=${token}; HttpOnly; SameSite=Strict; Path=/\r\n`);
    expect(right).toMatch(/\r\nCache-Control: no-store\r\n/);
    expect(right).toMatch(/\r\n\r\nSigned in: continuing without the token in the address\n$/);
    const wrong = await visit('?token=wrong-token-0123456789');
    expect(wrong).toMatch(/^HTTP\/1\.1 303 See Other\r\n/);
    expect(wrong).not.toMatch(/Set-Cookie/i);
    expect(wrong).toMatch(/\r\n\r\nWrong token: continuing without it\n$/);
  });

  it('drops a malformed request and keeps serving', async () => {
    const { port } = await start();
    const garbage = raw(port, 'NOT HTTP AT ALL\r\n\r\n');
    await waitFor(() => (garbage.closed() ? true : undefined), 'the malformed request to be dropped');
    expect(garbage.text()).toBe('');
    const ok = raw(port, `GET / HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`);
    await waitFor(() => (ok.closed() ? true : undefined), 'the page');
    expect(ok.text()).toMatch(/^HTTP\/1\.1 200 OK\r\n[\s\S]*<title>Berth<\/title>$/);
  });
});

describe('POST /login, byte for byte', () => {
  async function login(port: number, body: string, options: { method?: string; origin?: string | null } = {}): Promise<string> {
    const origin = options.origin === undefined ? `http://127.0.0.1:${port}` : options.origin;
    const head = [
      `${options.method ?? 'POST'} /login HTTP/1.0`,
      `Host: 127.0.0.1:${port}`,
      ...(origin === null ? [] : [`Origin: ${origin}`]),
      'Content-Type: text/plain',
      `Content-Length: ${Buffer.byteLength(body)}`,
      '',
      '',
    ].join('\r\n');
    const reply = raw(port, head + body);
    await waitFor(() => (reply.closed() ? true : undefined), 'the login answer');
    return reply.text();
  }

  it('sets the cookie for the right token (204, no body), and says which of missing or wrong', async () => {
    const { port } = await start();
    const ok = await login(port, `  ${token}\n`);
    expect(ok).toMatch(/^HTTP\/1\.1 204 No Content\r\n/);
    expect(ok).toContain(`\r\nSet-Cookie: ${tokenCookieName(port)}=${token}; HttpOnly; SameSite=Strict; Path=/\r\n`);
    expect(ok).toMatch(/\r\nCache-Control: no-store\r\n/);
    expect(ok).toMatch(/\r\n\r\n$/);
    const missing = await login(port, '  ');
    expect(missing).toMatch(
      /^HTTP\/1\.1 403 Forbidden\r\n[\s\S]*\r\nContent-Type: text\/plain; charset=utf-8\r\n[\s\S]*\r\n\r\nMissing token\n$/,
    );
    expect(missing).not.toMatch(/Set-Cookie/i);
    expect(await login(port, 'wrong-token-0123456789')).toMatch(/^HTTP\/1\.1 403 [\s\S]*\r\n\r\nWrong token\n$/);
  });

  it('takes only POST, only from its own page, and only a small body', async () => {
    const { port } = await start();
    const get = await login(port, '', { method: 'GET' });
    expect(get).toMatch(/^HTTP\/1\.1 405 Method Not Allowed\r\n[\s\S]*\r\nAllow: POST\r\n[\s\S]*\r\n\r\nUse POST\n$/);
    expect(await login(port, token, { origin: 'http://evil.example' })).toMatch(/^HTTP\/1\.1 403 [\s\S]*\r\n\r\nOrigin not allowed\n$/);
    expect(await login(port, token, { origin: null })).toMatch(/^HTTP\/1\.1 403 [\s\S]*Origin not allowed\n$/);
    expect(await login(port, 'x'.repeat(1024))).toMatch(/^HTTP\/1\.1 403 [\s\S]*Wrong token\n$/);
    const big = await login(port, 'x'.repeat(1025));
    expect(big).toMatch(/^HTTP\/1\.1 413 Payload Too Large\r\n[\s\S]*\r\n\r\nToo large\n$/);
    expect(big).not.toMatch(/Set-Cookie/i);
  });
});

describe('starting', () => {
  it('refuses an empty token, and a port already taken', async () => {
    await expect(start({ token: '' })).rejects.toThrow('The web token must not be empty');
    const first = await start();
    await expect(start({ port: first.port })).rejects.toMatchObject({ code: 'EADDRINUSE' });
  });

  it('prints a link that works: loopback for a wildcard bind, brackets for IPv6, a random token when none is given', async () => {
    const v4 = await start();
    expect(v4.url).toBe(`http://127.0.0.1:${v4.port}/`);
    const wildcard = await start({ host: '0.0.0.0' });
    expect(wildcard.url).toBe(`http://127.0.0.1:${wildcard.port}/`);
    const v6 = await start({ host: '::1' });
    expect(v6.url).toBe(`http://[::1]:${v6.port}/`);
    const generated = await start({ token: undefined });
    expect(generated.token).toMatch(/^[0-9a-f]{64}$/);
  });

  it('serves 404s when the static folder does not exist', async () => {
    const { port } = await start({ staticDir: path.join(staticDir, 'no-such-build') });
    const reply = raw(port, `GET / HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`);
    await waitFor(() => (reply.closed() ? true : undefined), 'the answer');
    expect(reply.text()).toMatch(/^HTTP\/1\.1 404 Not Found\r\n/);
  });
});
