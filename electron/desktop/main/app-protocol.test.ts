import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { desktopContentSecurityPolicy } from './app-page.js';
import { appSchemePrivileges, appSchemeRegistration, createAppRequestHandler } from './app-protocol.js';

let base: string;
let handle: (request: Request) => Promise<Response>;

const get = (url: string, method = 'GET'): Promise<Response> => handle(new Request(url, { method }));

beforeAll(async () => {
  // base/renderer is what the scheme serves; base/secret.txt and base/outside/ sit beside it.
  base = await mkdtemp(path.join(os.tmpdir(), 'berth-app-protocol-'));
  const root = path.join(base, 'renderer');
  await mkdir(path.join(root, 'assets'), { recursive: true });
  await mkdir(path.join(base, 'outside'));
  await writeFile(path.join(root, 'index.html'), '<!doctype html><title>Berth</title>');
  await writeFile(path.join(root, 'assets', 'index-abc.js'), 'console.log(1)');
  await writeFile(path.join(root, 'assets', 'index-abc.css'), 'body{}');
  await writeFile(path.join(root, 'favicon.svg'), '<svg/>');
  await writeFile(path.join(root, 'assets', 'font.woff2'), 'w2');
  await writeFile(path.join(root, 'assets', 'data.bin'), 'raw');
  await writeFile(path.join(base, 'secret.txt'), 'TOP SECRET');
  await writeFile(path.join(base, 'outside', 'secret.js'), 'TOP SECRET');
  await symlink(path.join(base, 'secret.txt'), path.join(root, 'link-out.html'));
  await symlink(path.join(base, 'outside'), path.join(root, 'dir-out'));
  await symlink(path.join(root, 'assets', 'index-abc.js'), path.join(root, 'link-in.js'));
  handle = createAppRequestHandler(root);
});

afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

describe('scheme privileges', () => {
  it('registers app:// as standard and secure, never bypassing CSP, without service workers', () => {
    expect(appSchemeRegistration.scheme).toBe('app');
    expect(appSchemePrivileges).toMatchObject({ standard: true, secure: true, bypassCSP: false, allowServiceWorkers: false });
  });
});

describe('the app:// handler', () => {
  it('serves the page and its assets with their types, the CSP header and nosniff', async () => {
    const cases: Array<[string, string, string]> = [
      ['app://berth/index.html', 'text/html; charset=utf-8', '<!doctype html><title>Berth</title>'],
      ['app://berth/', 'text/html; charset=utf-8', '<!doctype html><title>Berth</title>'],
      ['app://berth/assets/index-abc.js?v=1#x', 'text/javascript; charset=utf-8', 'console.log(1)'],
      ['app://berth/assets/index-abc.css', 'text/css; charset=utf-8', 'body{}'],
      ['app://berth/favicon.svg', 'image/svg+xml', '<svg/>'],
      ['app://berth/assets/font.woff2', 'font/woff2', 'w2'],
      ['app://berth/assets/data.bin', 'application/octet-stream', 'raw'],
      ['app://berth/link-in.js', 'text/javascript; charset=utf-8', 'console.log(1)'],
    ];
    for (const [url, type, body] of cases) {
      const response = await get(url);
      expect(response.status, url).toBe(200);
      expect(response.headers.get('content-type'), url).toBe(type);
      expect(response.headers.get('content-security-policy'), url).toBe(desktopContentSecurityPolicy);
      expect(response.headers.get('x-content-type-options'), url).toBe('nosniff');
      expect(response.headers.get('content-length'), url).toBe(String(Buffer.byteLength(body)));
      expect(await response.text(), url).toBe(body);
    }
  });

  it('answers HEAD with the headers and no body', async () => {
    const response = await get('app://berth/index.html', 'HEAD');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await response.text()).toBe('');
  });

  it('refuses a symlink that leads out of the renderer folder', async () => {
    for (const url of ['app://berth/link-out.html', 'app://berth/dir-out/secret.js']) {
      const response = await get(url);
      expect(response.status, url).toBe(403);
      expect(await response.text(), url).not.toContain('TOP SECRET');
    }
  });

  it('refuses .. in every spelling the URL parser leaves alone', async () => {
    for (const url of [
      'app://berth/..%2fsecret.txt',
      'app://berth/assets/..%2f..%2fsecret.txt',
      'app://berth/%2e%2e%2fsecret.txt',
      'app://berth/..%5csecret.txt',
      'app://berth/assets%5c..%5c..%5csecret.txt',
      'app://berth/%2e%2e%5c%2e%2e%5csecret.txt',
    ]) {
      const response = await get(url);
      expect(response.status, url).toBe(403);
      expect(await response.text(), url).not.toContain('TOP SECRET');
    }
  });

  it('never serves a file outside the folder, whatever the URL', async () => {
    for (const url of [
      'app://berth/../secret.txt',
      'app://berth/assets/../../secret.txt',
      'app://berth/%2e%2e/secret.txt',
      'app://berth/%252e%252e/secret.txt',
      'app://berth//etc/passwd',
      'app://berth/index.html%00.js',
      'app://berth/%E0%A4%A',
      'app://berth/assets',
      'app://berth/missing.js',
    ]) {
      const response = await get(url);
      expect([400, 403, 404], url).toContain(response.status);
      expect(response.headers.get('content-security-policy'), url).toBe(desktopContentSecurityPolicy);
      expect(response.headers.get('content-type'), url).toBe('text/plain; charset=utf-8');
      expect(await response.text(), url).not.toMatch(/TOP SECRET|root:/);
    }
  });

  it('serves only its own host and only GET and HEAD', async () => {
    expect((await get('app://evil/index.html')).status).toBe(403);
    expect((await get('app://berth.evil/index.html')).status).toBe(403);
    expect((await get('app://berth:1/index.html')).status).toBe(403);
    const post = await get('app://berth/index.html', 'POST');
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
  });

  it('answers 404, not a crash, when the renderer folder is missing', async () => {
    const missing = createAppRequestHandler(path.join(base, 'no-such-folder'));
    expect((await missing(new Request('app://berth/index.html'))).status).toBe(404);
  });
});
