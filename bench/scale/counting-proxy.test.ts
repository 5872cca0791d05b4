import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CountingProxy } from './counting-proxy.js';

/** A stand-in engine on a unix socket: a JSON list, and an event stream that sends headers but no byte until told. */
function fakeEngine(socketPath: string): Promise<{ server: Server; sendEvent(line: string): void }> {
  let events: ((line: string) => void) | undefined;
  const server = createServer((req, res) => {
    if (req.url?.startsWith('/v1.41/events')) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.flushHeaders();
      events = (line) => res.write(`${line}\n`);
      return;
    }
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ method: req.method, url: req.url, body }));
    });
  });
  return new Promise((resolve) => server.listen(socketPath, () => resolve({ server, sendEvent: (line) => events?.(line) })));
}

function get(socketPath: string, method: string, path: string, body?: string): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const req = request({ socketPath, method, path }, resolve);
    req.once('error', reject);
    req.end(body);
  });
}

const text = async (res: IncomingMessage): Promise<string> => {
  let out = '';
  for await (const chunk of res) out += (chunk as Buffer).toString();
  return out;
};

describe('CountingProxy', () => {
  let dir: string;
  let engine: Awaited<ReturnType<typeof fakeEngine>>;
  let proxy: CountingProxy;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'berth-proxy-test-'));
    engine = await fakeEngine(join(dir, 'engine.sock'));
    proxy = await CountingProxy.start(join(dir, 'proxy.sock'), join(dir, 'engine.sock'));
  });

  afterEach(async () => {
    await proxy.close();
    await new Promise<void>((resolve) => engine.server.close(() => resolve()));
    engine.server.closeAllConnections();
    rmSync(dir, { recursive: true, force: true });
  });

  it('forwards requests with their bodies and counts them by kind', async () => {
    const reply = JSON.parse(await text(await get(proxy.socketPath, 'POST', '/v1.41/containers/abc/start', '{"x":1}'))) as {
      method: string;
      url: string;
      body: string;
    };
    expect(reply).toEqual({ method: 'POST', url: '/v1.41/containers/abc/start', body: '{"x":1}' });
    await text(await get(proxy.socketPath, 'GET', '/v1.41/containers/json?all=1'));
    await text(await get(proxy.socketPath, 'GET', '/v1.41/containers/json?all=1'));
    expect([...proxy.counts.snapshot()]).toEqual([
      ['POST /containers/{id}/start', 1],
      ['GET /containers/json', 2],
    ]);
    expect(proxy.log.every((r) => r.endedAt !== undefined && r.endedAt >= r.startedAt)).toBe(true);
  });

  it("passes a stream's headers at once and each event as it comes", async () => {
    const res = await get(proxy.socketPath, 'GET', '/v1.41/events');
    expect(res.statusCode).toBe(200);
    const first = new Promise<string>((resolve) => res.once('data', (c: Buffer) => resolve(c.toString())));
    engine.sendEvent('{"Type":"container","Action":"start"}');
    expect(await first).toBe('{"Type":"container","Action":"start"}\n');
    expect(proxy.counts.snapshot().get('GET /events')).toBe(1);
    res.destroy();
  });
});
