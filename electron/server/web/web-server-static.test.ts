import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { secret, fx, useWebServerFixture, start, httpGet, type HttpReply } from './web-server-test-kit.js';

// The web server's static files: nothing outside the folder is ever served.
useWebServerFixture();

describe('web server: static files', () => {
  it('serves index.html for / with the CSP and a correct content type', async () => {
    await start();
    const reply = await httpGet('/');
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(reply.body).toContain('<title>Berth</title>');
    const csp = String(reply.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain(`connect-src 'self' ws://127.0.0.1:${fx.server.port}`);
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
    const reply = await httpGet('/', { Host: `evil.example:${fx.server.port}` });
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
          const req = request({ host: '127.0.0.1', port: fx.server.port, path: rawPath, method }, (res) => {
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
      const req = request({ host: '127.0.0.1', port: fx.server.port, path: '/', method: 'POST' }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(405);
  });
});
