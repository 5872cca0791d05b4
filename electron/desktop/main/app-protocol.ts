// The app:// scheme that serves the built renderer to the desktop window. Plain Node (the global
// Request/Response), so it runs in tests; main.ts hands it to Electron's protocol.handle.
import { readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { contentTypeFor, resolveRequestPath } from '../../server/web/static-files.js';
import { appHost, appScheme, desktopContentSecurityPolicy } from './app-page.js';

/**
 * What the scheme may do, for `protocol.registerSchemesAsPrivileged` (before app ready).
 * `standard` gives the page an origin (relative URLs, storage), `secure` makes it a secure
 * context, `supportFetchAPI` and `corsEnabled` let Chromium load Vite's `<script type="module"
 * crossorigin>` from it, `codeCache` keeps compiled scripts. Never `bypassCSP`, which would make
 * the scheme's own CSP header moot, and no service workers.
 */
export const appSchemePrivileges = {
  standard: true,
  secure: true,
  supportFetchAPI: true,
  corsEnabled: true,
  codeCache: true,
  bypassCSP: false,
  allowServiceWorkers: false,
  stream: false,
} as const;

export const appSchemeRegistration = { scheme: appScheme, privileges: appSchemePrivileges };

/** Headers on every app:// response, refusals included. */
export const appResponseHeaders: Readonly<Record<string, string>> = {
  'Content-Security-Policy': desktopContentSecurityPolicy,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

const statusText: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
};

function refusal(status: 400 | 403 | 404 | 405): Response {
  const text = `${status} ${statusText[status]}\n`;
  return new Response(text, {
    status,
    headers: {
      ...appResponseHeaders,
      'Content-Type': 'text/plain; charset=utf-8',
      ...(status === 405 ? { Allow: 'GET, HEAD' } : {}),
    },
  });
}

function isWithin(root: string, file: string): boolean {
  return file === root || file.startsWith(root + path.sep);
}

/**
 * A protocol.handle handler serving files from `rendererRoot` only: GET and HEAD on
 * `app://berth/<path>`. The path is checked before touching the disk (no `..`, encoded or not, no
 * NUL, no backslash tricks: the web server's own resolveRequestPath), then again after following
 * symlinks, so a link inside the folder cannot reach a file outside it.
 */
export function createAppRequestHandler(rendererRoot: string): (request: Request) => Promise<Response> {
  // The root's own real path, once: containment is checked against real paths only.
  let realRoot: Promise<string> | undefined;

  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return refusal(405);
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return refusal(400);
    }
    if (url.protocol !== `${appScheme}:` || url.host !== appHost) return refusal(403);

    realRoot ??= realpath(rendererRoot);
    let root: string;
    try {
      root = await realRoot;
    } catch {
      realRoot = undefined;
      return refusal(404);
    }
    const resolved = resolveRequestPath(root, url.pathname);
    if (!resolved.ok) return refusal(resolved.status);

    let file: string;
    let body: Buffer;
    try {
      file = await realpath(resolved.file);
      if (!isWithin(root, file)) return refusal(403);
      if (!(await stat(file)).isFile()) return refusal(404);
      // The renderer's files are small (a few MB at most): read whole, no stream to tear down.
      body = await readFile(file);
    } catch {
      return refusal(404);
    }
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
      status: 200,
      headers: { ...appResponseHeaders, 'Content-Type': contentTypeFor(file), 'Content-Length': String(body.length) },
    });
  };
}
