import net from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { unavailableFeatures } from '../../shared/engine-features.js';
import { testDocker } from '../test-support/engine-fixtures.js';
import { EngineConnection } from './engine-connection.js';

/** A unix socket in front of the engine's that records each request line (method and path) it carries. */
class RecordingProxy {
  readonly requestLines: string[] = [];
  private readonly server = net.createServer((client) => {
    const upstream = net.createConnection('/var/run/docker.sock');
    client.on('data', (chunk: Buffer) => {
      for (const line of chunk.toString('latin1').split('\r\n'))
        if (/^(GET|POST|DELETE|PUT|HEAD) \//.test(line)) this.requestLines.push(line);
    });
    client.pipe(upstream).pipe(client);
    for (const socket of [client, upstream]) socket.on('error', () => (client.destroy(), upstream.destroy()));
  });
  constructor(readonly socketPath: string) {}
  start(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.socketPath, () => resolve());
    });
  }
  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

describe('the Engine API version, negotiated per engine', () => {
  const proxy = new RecordingProxy(`/tmp/berth-h2-api-${process.pid}.sock`);
  const connections: EngineConnection[] = [];
  const open = (options: { maxApiVersion?: string } = {}): EngineConnection => {
    const connection = new EngineConnection({ id: 'api', dockerHost: `unix://${proxy.socketPath}`, ...options });
    connections.push(connection);
    return connection;
  };

  afterAll(async () => {
    for (const c of connections) c.close();
    await proxy.stop();
  });

  it('speaks the engine’s own version when it is not newer than Berth’s, in every request’s path', async () => {
    await proxy.start();
    const engine = await testDocker.version();
    const connection = open();
    const status = await connection.connect();
    expect(status).toMatchObject({ state: 'connected', apiVersion: engine.ApiVersion });
    expect(unavailableFeatures(status.apiVersion)).toEqual([]);
    proxy.requestLines.length = 0;
    await connection.use((docker) => docker.listContainers({ limit: 1 }));
    expect(proxy.requestLines.some((line) => line.startsWith(`GET /v${engine.ApiVersion}/containers/json`))).toBe(true);
  });

  it('an engine spoken to in an older version (as DOCKER_API_VERSION=1.24 asks) reports what it lacks, and still answers', async () => {
    const connection = open({ maxApiVersion: '1.24' });
    const status = await connection.connect();
    expect(status).toMatchObject({ state: 'connected', apiVersion: '1.24' });
    proxy.requestLines.length = 0;
    const listed = await connection.use((docker) => docker.listContainers({ all: true, limit: 1 }));
    expect(Array.isArray(listed)).toBe(true);
    expect(proxy.requestLines.some((line) => line.startsWith('GET /v1.24/containers/json'))).toBe(true);
    expect(unavailableFeatures(status.apiVersion).map((f) => f.feature)).toEqual(['gpus', 'waitNotRunning', 'diskUsage', 'imagePrune']);
  });

  it('a cap below the engine’s minimum is raised to that minimum; a malformed one is refused by name', async () => {
    const engine = await testDocker.version();
    const status = await open({ maxApiVersion: '1.5' }).connect();
    expect(status.apiVersion).toBe(engine.MinAPIVersion);
    expect(() => open({ maxApiVersion: 'latest' })).toThrow(/must be MAJOR\.MINOR.*"latest"/);
  });
});
