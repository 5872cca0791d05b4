// Unit tests of static-files.ts on its own (a plain HTTP server in front of serveStaticFile), written
// so that `npm run test:mutate` finds each check missing: containment, methods, status lines,
// security headers, content types, caching.
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentSecurityPolicy, contentTypeFor, resolveRequestPath, securityHeaders, serveStaticFile } from './static-files.js';

const secret = 'OUTSIDE-THE-STATIC-FOLDER';
const host = '127.0.0.1:7420';
let dir: string;
let root: string;
let server: Server;
let port: number;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'berth-static-'));
  root = path.join(dir, 'root');
  await mkdir(path.join(root, 'assets'), { recursive: true });
  await mkdir(path.join(root, 'sub'));
  await writeFile(path.join(root, 'index.html'), '<!doctype html><title>Berth</title>');
  await writeFile(path.join(root, 'app.js'), 'top level script');
  await writeFile(path.join(root, 'assets', 'app-1.js'), 'hashed bundle');
  await writeFile(path.join(root, 'sub', 'x.txt'), 'nested');
  await writeFile(path.join(dir, 'secret.txt'), secret);
  await symlink(path.join(dir, 'secret.txt'), path.join(root, 'leak.txt'));
  await symlink(path.join(root, 'sub', 'x.txt'), path.join(root, 'inside-link.txt'));
  server = createServer((req, res) => {
    serveStaticFile(req, res, root, securityHeaders(host)).catch(() => res.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  // Keep-alive sockets of the default agent would hold close() for the server's 5 s idle timeout.
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await rm(dir, { recursive: true, force: true });
});

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A raw request: the path bytes go out exactly as given. */
function send(rawPath: string, method = 'GET'): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: rawPath, method }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('resolveRequestPath', () => {
  it('maps / to index.html and other paths under the root', () => {
    expect(resolveRequestPath(root, '/')).toEqual({ ok: true, file: path.join(root, 'index.html') });
    expect(resolveRequestPath(root, '/sub/x.txt?v=1#top')).toEqual({ ok: true, file: path.join(root, 'sub', 'x.txt') });
    // Repeated leading slashes are one: still a file under the root, not an absolute path.
    expect(resolveRequestPath(root, '//sub/x.txt')).toEqual({ ok: true, file: path.join(root, 'sub', 'x.txt') });
    expect(resolveRequestPath(root, '/%73ub/x.txt')).toEqual({ ok: true, file: path.join(root, 'sub', 'x.txt') });
  });

  it('refuses parent segments however they are spelled (403)', () => {
    for (const raw of [
      '/../secret.txt',
      '/sub/../../secret.txt',
      '/%2e%2e/secret.txt',
      '/..%2fsecret.txt',
      '/..%5csecret.txt',
      '/sub\\..\\..\\secret.txt',
    ]) {
      expect(resolveRequestPath(root, raw), raw).toEqual({ ok: false, status: 403 });
    }
  });

  it('refuses a path that is not one: bad escapes, NUL bytes, no leading slash (400)', () => {
    for (const raw of ['/%E0%A4%A', '/index.html%00.png', 'index.html', 'http://evil.example/index.html', '']) {
      expect(resolveRequestPath(root, raw), raw).toEqual({ ok: false, status: 400 });
    }
  });
});

describe('serveStaticFile', () => {
  it('serves a file with its type, length, the security headers and revalidation', async () => {
    const reply = await send('/');
    expect(reply.status).toBe(200);
    expect(reply.body).toBe('<!doctype html><title>Berth</title>');
    expect(reply.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(reply.headers['content-length']).toBe(String(Buffer.byteLength(reply.body)));
    expect(reply.headers['content-security-policy']).toBe(contentSecurityPolicy(host));
    expect(reply.headers['x-frame-options']).toBe('DENY');
    expect(reply.headers['cache-control']).not.toMatch(/immutable|max-age/);
  });

  it('caches only the hashed bundles under assets/ for good', async () => {
    const bundle = await send('/assets/app-1.js');
    expect(bundle.body).toBe('hashed bundle');
    expect(bundle.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const topLevel = await send('/app.js');
    expect(topLevel.body).toBe('top level script');
    expect(topLevel.headers['cache-control']).not.toMatch(/immutable|max-age/);
  });

  it('answers HEAD with the headers and no body', async () => {
    const reply = await send('/index.html', 'HEAD');
    expect(reply.status).toBe(200);
    expect(reply.headers['content-length']).toBe('35');
    expect(reply.body).toBe('');
  });

  it('refuses other methods with 405 and says which are allowed', async () => {
    for (const method of ['POST', 'PUT', 'DELETE']) {
      const reply = await send('/index.html', method);
      expect(reply.status).toBe(405);
      expect(reply.headers.allow).toBe('GET, HEAD');
      expect(reply.body).toBe('405 Method Not Allowed\n');
      expect(reply.headers['content-type']).toBe('text/plain; charset=utf-8');
      expect(reply.headers['x-content-type-options']).toBe('nosniff');
    }
  });

  it('says 404 for a folder or a missing file, 403 for a way out, 400 for a bad path, each with the security headers', async () => {
    expect(await send('/sub')).toMatchObject({ status: 404, body: '404 Not Found\n' });
    expect(await send('/nope.js')).toMatchObject({ status: 404, body: '404 Not Found\n' });
    const out = await send('/%2e%2e/secret.txt');
    expect(out).toMatchObject({ status: 403, body: '403 Forbidden\n' });
    expect(out.headers['content-length']).toBe('14');
    expect(out.headers['referrer-policy']).toBe('no-referrer');
    expect(await send('/%E0%A4%A')).toMatchObject({ status: 400, body: '400 Bad Request\n' });
  });

  it('refuses a symlink that leads out of the folder and never sends its target', async () => {
    const reply = await send('/leak.txt');
    expect(reply.status).toBe(403);
    expect(reply.body).toBe('403 Forbidden\n');
    expect(reply.body).not.toContain(secret);
  });

  it('follows a symlink that stays inside the folder', async () => {
    expect(await send('/inside-link.txt')).toMatchObject({ status: 200, body: 'nested' });
  });
});

describe('headers and types', () => {
  it('locks the page to its own server: scripts, connections, frames, forms, plugins', () => {
    const csp = contentSecurityPolicy('127.0.0.1:7420').split('; ');
    expect(csp).toEqual([
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self' 'unsafe-inline'",
      "connect-src 'self' ws://127.0.0.1:7420",
      "img-src 'self' data:",
      "font-src 'self' data:",
      "object-src 'none'",
      "base-uri 'none'",
      "form-action 'none'",
      "frame-ancestors 'none'",
    ]);
  });

  it('sends no referrer, no sniffing, no framing and no cross-origin use', () => {
    expect(securityHeaders('h:1')).toEqual({
      'Content-Security-Policy': contentSecurityPolicy('h:1'),
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'X-Frame-Options': 'DENY',
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cross-Origin-Resource-Policy': 'same-origin',
    });
  });

  it('names each built file type, and anything unknown as bytes', () => {
    const expected: Record<string, string> = {
      'a.html': 'text/html; charset=utf-8',
      'a.js': 'text/javascript; charset=utf-8',
      'a.mjs': 'text/javascript; charset=utf-8',
      'a.css': 'text/css; charset=utf-8',
      'a.json': 'application/json; charset=utf-8',
      'a.js.map': 'application/json; charset=utf-8',
      'a.svg': 'image/svg+xml',
      'a.png': 'image/png',
      'a.jpg': 'image/jpeg',
      'a.JPEG': 'image/jpeg',
      'a.gif': 'image/gif',
      'a.webp': 'image/webp',
      'a.ico': 'image/x-icon',
      'a.woff': 'font/woff',
      'a.woff2': 'font/woff2',
      'a.ttf': 'font/ttf',
      'a.txt': 'text/plain; charset=utf-8',
      'a.wasm': 'application/wasm',
      'a.exe': 'application/octet-stream',
      Makefile: 'application/octet-stream',
    };
    for (const [file, type] of Object.entries(expected)) expect(contentTypeFor(file), file).toBe(type);
  });
});
