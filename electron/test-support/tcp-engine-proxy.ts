import net from 'node:net';

/**
 * A loopback TCP port in front of the engine's unix socket: a second way to reach the same engine,
 * as a robot on the network would be reached. `stop()` cuts every connection and stops listening
 * (the engine "goes away" for whoever uses this port only); `start()` listens on the same port again.
 */
export class TcpEngineProxy {
  private server: net.Server | undefined;
  private readonly sockets = new Set<net.Socket>();
  private boundPort: number;

  constructor(
    port = 0,
    private readonly target = '/var/run/docker.sock',
  ) {
    this.boundPort = port;
  }

  get port(): number {
    return this.boundPort;
  }

  /** tcp://127.0.0.1:PORT, for DOCKER_HOST or Berth's add-engine form. */
  get host(): string {
    return `tcp://127.0.0.1:${this.boundPort}`;
  }

  async start(): Promise<void> {
    if (this.server) return;
    const server = net.createServer((client) => {
      const upstream = net.createConnection(this.target);
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on('close', () => this.sockets.delete(socket));
        socket.on('error', () => {
          client.destroy();
          upstream.destroy();
        });
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.boundPort, '127.0.0.1', () => resolve());
    });
    this.boundPort = (server.address() as net.AddressInfo).port;
    this.server = server;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
