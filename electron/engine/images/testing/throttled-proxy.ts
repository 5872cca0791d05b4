// A test fixture only (integration and e2e tests import it; the app never does): a TCP proxy that
// makes a fast local registry behave like one across a slow link.
import { connect, createServer, type Socket } from 'node:net';

export interface ThrottledProxyOptions {
  /** Where to forward, on 127.0.0.1 (default 5000: the open test registry). */
  targetPort?: number;
  /** The link's speed in each direction, shared by every connection (default 2 MiB/s). */
  bytesPerSecond?: number;
  /** Bytes sent per paced write (default 16 KiB): smaller slices, smoother progress. */
  sliceBytes?: number;
  /** One-way delay added to every byte (default 0), like a long link: a request waits a round trip. */
  latencyMs?: number;
}

export interface ThrottledProxy {
  /** The port on 127.0.0.1 the proxy listens on; `127.0.0.1:<port>/repo:tag` is a registry reference. */
  readonly port: number;
  /** `127.0.0.1:<port>`, the registry part of a reference through the proxy. */
  readonly address: string;
  /** Connections open now (the engine's connections to the registry through the proxy). */
  openConnections(): number;
  /** Bytes forwarded so far: registry → engine (downloads) and engine → registry (uploads). */
  bytes(): { down: number; up: number };
  /** Changes the link's speed from now on. */
  setRate(bytesPerSecond: number): void;
  /** Cuts every open connection (a flaky link); the proxy keeps listening for new ones. */
  dropConnections(): void;
  /** Stops forwarding (connections stay open, bytes wait) until `resume()`: a stalled link. */
  pause(): void;
  resume(): void;
  /** Drops every connection and stops listening. */
  close(): Promise<void>;
}

/**
 * One direction of the link: a byte budget shared by all connections. Each slice reserves its
 * airtime after the slices already reserved, so concurrent transfers share the rate.
 */
class PacedLink {
  private nextFreeAt = 0;
  private paused = false;
  private readonly waitingForResume: Array<() => void> = [];
  /** Bytes written to the far side so far. */
  forwarded = 0;

  constructor(public bytesPerSecond: number) {}

  /** Resolves when `bytes` may go out. */
  async reserve(bytes: number): Promise<void> {
    while (this.paused) await new Promise<void>((resolve) => this.waitingForResume.push(resolve));
    const now = Date.now();
    const start = Math.max(now, this.nextFreeAt);
    this.nextFreeAt = start + (bytes / this.bytesPerSecond) * 1000;
    // Wait until the slice has "crossed the link": its airtime ends at nextFreeAt.
    const wait = this.nextFreeAt - now;
    if (wait >= 1) await new Promise((resolve) => setTimeout(resolve, wait));
    while (this.paused) await new Promise<void>((resolve) => this.waitingForResume.push(resolve));
  }

  pause(): void {
    this.paused = true;
  }

  resume(): void {
    this.paused = false;
    this.nextFreeAt = Date.now();
    for (const wake of this.waitingForResume.splice(0)) wake();
  }
}

/**
 * Forwards `from` to `to` through `link`, reading no more from `from` while a chunk is in flight.
 * When `from` ends, `to` is ended only after the paced bytes went out: a registry that closes its
 * side after a response must not cut off the tail still crossing the link.
 */
function pipePaced(from: Socket, to: Socket, link: PacedLink, sliceBytes: number, latencyMs: number): void {
  let chain = Promise.resolve();
  /** Resolves once the last slice sent has arrived (after the latency). */
  let delivered = Promise.resolve();
  let ended = false;
  const write = async (slice: Buffer): Promise<void> => {
    if (to.destroyed || to.writableEnded) return;
    link.forwarded += slice.length;
    if (!to.write(slice)) await new Promise<void>((resolve) => to.once('drain', resolve).once('close', resolve));
  };
  from.on('data', (chunk: Buffer) => {
    from.pause();
    chain = chain.then(async () => {
      for (let offset = 0; offset < chunk.length; offset += sliceBytes) {
        // A connection cut meanwhile takes its unsent bytes with it: they are not counted as forwarded.
        if (to.destroyed || to.writableEnded) return;
        const slice = chunk.subarray(offset, offset + sliceBytes);
        await link.reserve(slice.length);
        if (latencyMs <= 0) await write(slice);
        else {
          // In flight for latencyMs; the link is free for the next slice meanwhile.
          const previous = delivered;
          delivered = new Promise<void>((resolve) => setTimeout(resolve, latencyMs)).then(() => previous).then(() => write(slice));
        }
      }
      if (!from.destroyed) from.resume();
    });
  });
  from.on('end', () => {
    ended = true;
    void chain.then(() => delivered).then(() => to.end());
  });
  // Closed without an orderly end (reset, error, destroyed): so is the other side.
  from.on('close', () => {
    if (!ended) to.destroy();
  });
}

/** Starts a throttling proxy on a free 127.0.0.1 port. The engine treats 127.0.0.0/8 registries as insecure (plain HTTP). */
export async function startThrottledProxy(options: ThrottledProxyOptions = {}): Promise<ThrottledProxy> {
  const targetPort = options.targetPort ?? 5000;
  const sliceBytes = options.sliceBytes ?? 16 * 1024;
  const latencyMs = options.latencyMs ?? 0;
  const down = new PacedLink(options.bytesPerSecond ?? 2 * 1024 * 1024);
  const up = new PacedLink(options.bytesPerSecond ?? 2 * 1024 * 1024);
  /** The engine's connections; each has an upstream socket to the registry. */
  const clients = new Set<Socket>();
  const sockets = new Set<Socket>();

  // Half-open allowed: each direction ends on its own, once its paced bytes are through.
  const server = createServer({ allowHalfOpen: true }, (client) => {
    const upstream = connect({ port: targetPort, host: '127.0.0.1', allowHalfOpen: true });
    clients.add(client);
    sockets.add(client);
    sockets.add(upstream);
    const closeBoth = (): void => {
      client.destroy();
      upstream.destroy();
    };
    client.on('close', () => {
      clients.delete(client);
      sockets.delete(client);
    });
    upstream.on('close', () => sockets.delete(upstream));
    client.on('error', closeBoth);
    upstream.on('error', closeBoth);
    pipePaced(client, upstream, up, sliceBytes, latencyMs);
    pipePaced(upstream, client, down, sliceBytes, latencyMs);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (typeof address !== 'object' || address === null) throw new Error('The throttled proxy has no TCP address');
  const port = address.port;

  return {
    port,
    address: `127.0.0.1:${port}`,
    openConnections: () => clients.size,
    bytes: () => ({ down: down.forwarded, up: up.forwarded }),
    setRate(bytesPerSecond) {
      down.bytesPerSecond = bytesPerSecond;
      up.bytesPerSecond = bytesPerSecond;
    },
    dropConnections() {
      for (const s of sockets) s.destroy();
    },
    pause() {
      down.pause();
      up.pause();
    },
    resume() {
      down.resume();
      up.resume();
    },
    close: () =>
      new Promise<void>((resolve) => {
        down.resume();
        up.resume();
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
