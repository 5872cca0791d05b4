import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { createRouter } from '../rpc/router.js';
import { createFakeHandlerTable } from '../../test-support/fake-handler-table.js';
import { tokenCookieName } from './token-cookie.js';
import { startWebServer } from './web-server.js';
import { fx, useWebServerFixture, start, httpGet, connect, type HttpReply } from './web-server-test-kit.js';

// Who may reach the web server: hosts, origins, tokens and the cookie the token is traded for.
useWebServerFixture();

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
    const host = `evil.example:${fx.server.port}`;
    await expect(connect({ host, origin: `http://${host}` })).rejects.toThrow('HTTP 403');
  });

  it('refuses a loopback Host with another port', async () => {
    await start();
    await expect(connect({ host: `127.0.0.1:${fx.server.port + 1}` })).rejects.toThrow('HTTP 403');
  });

  it('refuses an upgrade from a foreign Origin (CSRF) or without Origin', async () => {
    await start();
    await expect(connect({ origin: 'http://evil.example' })).rejects.toThrow('HTTP 403');
    await expect(connect({ origin: `https://127.0.0.1:${fx.server.port}` })).rejects.toThrow('HTTP 403');
    await expect(connect({ origin: 'null' })).rejects.toThrow('HTTP 403');
    await expect(connect({ origin: null })).rejects.toThrow('HTTP 403');
  });

  it('accepts localhost and an allowed LAN name when Origin matches that Host', async () => {
    await start({ allowedHosts: ['berth.lan'] });
    for (const host of [`localhost:${fx.server.port}`, `berth.lan:${fx.server.port}`]) {
      const ws = await connect({ host, origin: `http://${host}` });
      expect(ws.readyState).toBe(WebSocket.OPEN);
    }
  });

  it.each(['127.0.0.2', '::1', 'localhost', '0.0.0.0'])('accepts the address of its own printed link when bound to %s', async (host) => {
    fx.table = createFakeHandlerTable();
    fx.server = await startWebServer({ router: createRouter(fx.table), host, port: 0, staticDir: fx.staticDir });
    const printed = new URL(fx.server.url);
    const page = await new Promise<number>((resolve, reject) => {
      const req = request({ host: printed.hostname.replace(/^\[|\]$/g, ''), port: fx.server.port, path: '/' }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });
    expect(page).toBe(200);
    const ws = new WebSocket(`ws://${printed.host}/rpc?token=${fx.server.token}`, { origin: printed.origin });
    fx.sockets.push(ws);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode ?? 0}`)));
      ws.once('error', reject);
    });
    // Still no foreign names.
    expect((await httpGet('/', { Host: `evil.example:${fx.server.port}` }).catch(() => ({ status: 0 }))).status).not.toBe(200);
  });

  it('answers a plain GET on /rpc with 426 for the right token and 403 otherwise, so the page can tell', async () => {
    await start();
    expect((await httpGet(`/rpc?token=${fx.server.token}`)).status).toBe(426);
    expect((await httpGet('/rpc?token=wrong')).status).toBe(403);
    expect((await httpGet('/rpc')).status).toBe(403);
  });
});

describe('web server: the token traded for a cookie', () => {
  it('answers the printed link with a redirect to the address without the token, an HttpOnly SameSite=Strict cookie and no-store', async () => {
    await start();
    const reply = await httpGet(`/?token=${fx.server.token}`);
    expect(reply.status).toBe(303);
    expect(reply.headers.location).toBe('/');
    expect(reply.headers['cache-control']).toBe('no-store');
    const cookie = String(reply.headers['set-cookie']);
    expect(cookie).toBe(`${tokenCookieName(fx.server.port)}=${fx.server.token}; HttpOnly; SameSite=Strict; Path=/`);
    expect(reply.body).not.toContain(fx.server.token);
    expect(reply.headers['referrer-policy']).toBe('no-referrer');
  });

  it('keeps the other parts of the address, and never redirects off the server', async () => {
    await start();
    expect((await httpGet(`/?view=images&token=${fx.server.token}`)).headers.location).toBe('/?view=images');
    for (const sneaky of ['/.//evil.example/', '//evil.example/', '/%2F%2Fevil.example/']) {
      const location = String((await httpGet(`${sneaky}?token=${fx.server.token}`)).headers.location);
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
    const name = tokenCookieName(fx.server.port);
    const ws = await connect({ token: null, cookie: `other=1; ${name}=${fx.server.token}` });
    expect(ws.readyState).toBe(WebSocket.OPEN);
    await expect(connect({ token: null, cookie: `${name}=${'f'.repeat(64)}` })).rejects.toThrow('HTTP 403');
    await expect(connect({ token: null, cookie: `${tokenCookieName(fx.server.port + 1)}=${fx.server.token}` })).rejects.toThrow('HTTP 403');
    // A wrong cookie is not rescued by nothing; the query is only the fallback for clients without one.
    await expect(connect({ token: null, cookie: `${name}=` })).rejects.toThrow('HTTP 403');
  });

  /** POST /login as the page would (fetch from its own origin), or as another site would. */
  function postLogin(body: string | Buffer, origin: string | null = `http://127.0.0.1:${fx.server.port}`): Promise<HttpReply> {
    return new Promise((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: fx.server.port,
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
    const reply = await postLogin(`${fx.server.token}\n`);
    expect(reply.status).toBe(204);
    expect(reply.headers['set-cookie']).toEqual([
      `${tokenCookieName(fx.server.port)}=${fx.server.token}; HttpOnly; SameSite=Strict; Path=/`,
    ]);
    expect(reply.headers['cache-control']).toBe('no-store');
  });

  it('refuses a login with a wrong or empty token, from another origin, by another method, or too large', async () => {
    await start();
    for (const [body, origin] of [
      ['wrong-token-00000000', undefined],
      ['', undefined],
      [fx.server.token, 'http://evil.example'],
      [fx.server.token, null],
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
    const name = tokenCookieName(fx.server.port);
    expect((await httpGet('/rpc', { Cookie: `${name}=${fx.server.token}` })).status).toBe(426);
    const missing = await httpGet('/rpc');
    expect([missing.status, missing.body]).toEqual([403, 'Missing token\n']);
    const wrong = await httpGet('/rpc', { Cookie: `${name}=nope-nope-nope-nope` });
    expect([wrong.status, wrong.body]).toEqual([403, 'Wrong token\n']);
  });
});
