import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';

const contentTypes: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

export function contentTypeFor(filePath: string): string {
  return contentTypes[path.extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * The page may talk only to the server that served it. `connect-src` names the exact WebSocket
 * origin rather than any `ws:` host; `style-src 'unsafe-inline'` is there because xterm.js
 * injects <style> elements.
 */
export function contentSecurityPolicy(hostHeader: string): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    `connect-src 'self' ws://${hostHeader}`,
    "img-src 'self' data:",
    "font-src 'self' data:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Headers every response carries: no referrer leaves the page (the first address held the token). */
export function securityHeaders(hostHeader: string): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(hostHeader),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
  };
}

export type ResolvedPath = { ok: true; file: string } | { ok: false; status: 400 | 403 };

/**
 * Maps a request path to a file under root, or refuses. Works on the raw path so encoded
 * `..%2f` and backslashes are caught after decoding, then checks containment again after
 * resolving, because one check is easy to get wrong.
 */
export function resolveRequestPath(root: string, rawUrl: string): ResolvedPath {
  const rawPath = rawUrl.split(/[?#]/, 1)[0] ?? '/';
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return { ok: false, status: 400 };
  }
  if (decoded.includes('\0') || !decoded.startsWith('/')) return { ok: false, status: 400 };
  const segments = decoded.split(/[/\\]+/);
  if (segments.some((s) => s === '..')) return { ok: false, status: 403 };
  const relative = decoded === '/' ? 'index.html' : decoded.replace(/^[/\\]+/, '');
  const file = path.resolve(root, relative);
  if (file !== root && !file.startsWith(root + path.sep)) return { ok: false, status: 403 };
  return { ok: true, file };
}

function sendStatus(res: ServerResponse, status: number, headers: Record<string, string>): void {
  const text = `${status} ${status === 404 ? 'Not Found' : status === 403 ? 'Forbidden' : status === 405 ? 'Method Not Allowed' : 'Bad Request'}\n`;
  res.writeHead(status, { ...headers, 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

/**
 * Vite puts content-hashed bundles under assets/, which never change. Everything else (the page)
 * is not stored at all: no copy of it, or of the address it was served for, stays in the cache.
 */
function cacheControlFor(root: string, file: string): string {
  return file.startsWith(path.join(root, 'assets') + path.sep) ? 'public, max-age=31536000, immutable' : 'no-store';
}

/** Serves one GET/HEAD request from root (a real path, without symlinks). */
export async function serveStaticFile(
  req: IncomingMessage,
  res: ServerResponse,
  root: string,
  headers: Record<string, string>,
): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    sendStatus(res, 405, { ...headers, Allow: 'GET, HEAD' });
    return;
  }
  const resolved = resolveRequestPath(root, req.url ?? '/');
  if (!resolved.ok) {
    sendStatus(res, resolved.status, headers);
    return;
  }
  let file: string;
  let size: number;
  try {
    // A symlink inside root could point anywhere; follow it and check containment once more.
    file = await realpath(resolved.file);
    if (file !== root && !file.startsWith(root + path.sep)) {
      sendStatus(res, 403, headers);
      return;
    }
    const info = await stat(file);
    if (!info.isFile()) throw new Error('not a file');
    size = info.size;
  } catch {
    sendStatus(res, 404, headers);
    return;
  }
  res.writeHead(200, {
    ...headers,
    'Content-Type': contentTypeFor(file),
    'Content-Length': size,
    'Cache-Control': cacheControlFor(root, file),
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  const stream = createReadStream(file);
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}
