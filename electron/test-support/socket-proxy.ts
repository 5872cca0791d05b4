import net from 'node:net';
import { rm } from 'node:fs/promises';

const requestLine = /(?:^|\r\n)(GET|HEAD|POST|PUT|DELETE|PATCH|OPTIONS) (\S+) HTTP\/1\.[01]\r\n/g;

/** A client connection through the proxy. */
interface Passage {
  client: net.Socket;
  upstream: net.Socket | undefined;
  /** What the client sent while the proxy was silent, sent on once it answers again. */
  held: Buffer[];
  /** What the client sent since the last request line, so a line split across chunks is still seen. */
  tail: string;
}

/**
 * A unix-socket proxy in front of the real engine, so a test can make "the engine" go away and
 * come back without restarting dockerd for everyone else, or go silent (`blackHole`): connections
 * are still accepted and read, but what clients send is held back, as a hung dockerd would do;
 * `answer` sends it on and lets everything through again. It records the request lines it
 * forwards (`requests`), to count what Berth asks the engine.
 */
export class EngineSocketProxy {
  private server: net.Server | undefined;
  private readonly passages = new Set<Passage>();
  private silent = false;
  /** "METHOD /path?query" of every request forwarded to the engine, in order. */
  readonly requests: string[] = [];

  constructor(
    readonly path: string,
    private readonly target = '/var/run/docker.sock',
  ) {}

  async start(): Promise<void> {
    await rm(this.path, { force: true });
    const server = net.createServer((client) => {
      const passage: Passage = { client, upstream: undefined, held: [], tail: '' };
      this.passages.add(passage);
      client.on('error', () => this.drop(passage)).on('close', () => this.drop(passage));
      // Always read, so a client that gives up is noticed even while silent (its held bytes go with it).
      client.on('data', (chunk: Buffer) => {
        if (this.silent) passage.held.push(chunk);
        else this.send(passage, chunk);
      });
    });
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.path, () => resolve());
    });
  }

  /** From now on requests get no answer: connections are accepted, nothing reaches the engine. */
  blackHole(): void {
    this.silent = true;
  }

  /** The request lines held back right now, from clients still connected. */
  held(): string[] {
    const lines: string[] = [];
    for (const passage of this.passages) {
      const text = Buffer.concat(passage.held).toString('latin1');
      for (const match of text.matchAll(requestLine)) lines.push(`${match[1]} ${match[2]}`);
    }
    return lines;
  }

  /** Sends on what was held back, and lets everything through again. */
  answer(): void {
    this.silent = false;
    for (const passage of this.passages) {
      const held = passage.held.splice(0);
      for (const chunk of held) this.send(passage, chunk);
    }
  }

  /** Cuts every open connection and stops listening, as a dying engine would. */
  async stop(): Promise<void> {
    for (const passage of [...this.passages]) this.drop(passage);
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
    await rm(this.path, { force: true });
  }

  private drop(passage: Passage): void {
    passage.client.destroy();
    passage.upstream?.destroy();
    passage.held = [];
    this.passages.delete(passage);
  }

  private send(passage: Passage, chunk: Buffer): void {
    if (!passage.upstream) {
      const upstream = net.connect(this.target);
      upstream.on('error', () => this.drop(passage)).on('close', () => this.drop(passage));
      upstream.pipe(passage.client);
      passage.upstream = upstream;
    }
    this.record(passage, chunk);
    if (!passage.upstream.write(chunk)) {
      passage.client.pause();
      passage.upstream.once('drain', () => passage.client.resume());
    }
  }

  private record(passage: Passage, chunk: Buffer): void {
    const text = passage.tail + chunk.toString('latin1');
    let end = 0;
    for (const match of text.matchAll(requestLine)) {
      this.requests.push(`${match[1]} ${match[2]}`);
      end = (match.index ?? 0) + match[0].length;
    }
    // Keep a little after the last match, in case a request line is split between chunks.
    passage.tail = text.slice(Math.max(end, text.length - 512));
  }
}

/** A "hung engine": a unix socket that accepts connections, reads what is sent and never answers. */
export class SilentEngine {
  private server: net.Server | undefined;
  private readonly sockets = new Set<net.Socket>();
  /** How many connections it accepted. */
  accepted = 0;

  constructor(readonly path: string) {}

  async start(): Promise<void> {
    await rm(this.path, { force: true });
    const server = net.createServer((socket) => {
      this.accepted += 1;
      this.sockets.add(socket);
      socket.on('data', () => undefined);
      socket.on('error', () => socket.destroy()).on('close', () => this.sockets.delete(socket));
    });
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.path, () => resolve());
    });
  }

  /** How many connections are open right now (a timed-out request must not leave its own behind). */
  get open(): number {
    return this.sockets.size;
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
    await rm(this.path, { force: true });
  }
}
