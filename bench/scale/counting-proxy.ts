import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import { connect, type Socket } from 'node:net';
import { rmSync } from 'node:fs';
import { RequestCounts } from './request-counts.js';

/** One request the proxy forwarded: its key and when it started and ended (performance.now() ms). */
export interface ProxiedRequest {
  key: string;
  url: string;
  startedAt: number;
  /** When the engine's reply headers arrived. */
  headersAt?: number;
  /** When the reply's last byte passed through (undefined while a stream is still open). */
  endedAt?: number;
}

/**
 * An HTTP proxy on a unix socket in front of the engine's socket that counts every request by
 * what it asks for (request-counts.ts) and keeps a log with timings. Streams (events, logs) pass
 * through as they come; upgraded connections (attach, exec) are piped raw after their request line.
 */
export class CountingProxy {
  readonly counts = new RequestCounts();
  readonly log: ProxiedRequest[] = [];
  private readonly sockets = new Set<Socket>();

  private constructor(
    private readonly server: Server,
    readonly socketPath: string,
  ) {}

  static async start(socketPath: string, engineSocket: string): Promise<CountingProxy> {
    rmSync(socketPath, { force: true });
    const server = createServer();
    const proxy = new CountingProxy(server, socketPath);
    server.on('connection', (socket) => {
      proxy.sockets.add(socket);
      socket.once('close', () => proxy.sockets.delete(socket));
    });
    server.on('request', (req, res) => {
      const entry = proxy.record(req);
      const upstream = httpRequest({ socketPath: engineSocket, method: req.method, path: req.url, headers: req.headers }, (reply) => {
        entry.headersAt = performance.now();
        res.writeHead(reply.statusCode ?? 502, reply.headers);
        // A stream's headers go out now: the events stream may send no byte for minutes.
        res.flushHeaders();
        reply.pipe(res);
        reply.once('end', () => (entry.endedAt = performance.now()));
      });
      upstream.on('error', (err) => {
        if (!res.headersSent) res.writeHead(502, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ message: `bench proxy: ${err.message}` }));
      });
      // The client going away ends the engine request too (a closed events stream, a cancelled pull).
      res.once('close', () => upstream.destroy());
      req.pipe(upstream);
    });
    server.on('upgrade', (req: IncomingMessage, client: Socket, head: Buffer) => {
      proxy.record(req);
      const engine = connect(engineSocket, () => {
        const headers = Object.entries(req.headers).flatMap(([name, value]) =>
          (Array.isArray(value) ? value : [value ?? '']).map((v) => `${name}: ${v}`),
        );
        engine.write(`${req.method ?? 'GET'} ${req.url ?? '/'} HTTP/1.1\r\n${headers.join('\r\n')}\r\n\r\n`);
        if (head.length > 0) engine.write(head);
        engine.pipe(client);
        client.pipe(engine);
      });
      const end = (): void => {
        engine.destroy();
        client.destroy();
      };
      engine.once('error', end);
      client.once('error', end);
      engine.once('close', end);
      client.once('close', end);
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(socketPath, () => resolve());
    });
    return proxy;
  }

  private record(req: IncomingMessage): ProxiedRequest {
    const entry: ProxiedRequest = {
      key: this.counts.record(req.method ?? 'GET', req.url ?? '/'),
      url: req.url ?? '/',
      startedAt: performance.now(),
    };
    this.log.push(entry);
    return entry;
  }

  /** `unix://…` for Berth's `--docker-host`. */
  get dockerHost(): string {
    return `unix://${this.socketPath}`;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    rmSync(this.socketPath, { force: true });
  }
}
