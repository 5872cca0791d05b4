import { afterAll, describe, expect, it } from 'vitest';
import type { ConnectionStatus } from '../../shared/engine-types.js';
import { waitFor } from '../test-support/engine-fixtures.js';
import { EngineSocketProxy, SilentEngine } from '../test-support/socket-proxy.js';
import { EngineConnection } from './engine-connection.js';

/** `GET /v1.41/events?since=…` → `GET /events`: the method and path, whatever API version was negotiated. */
const pathOf = (request: string): string => request.split('?')[0]!.replace(/^(\S+) \/v\d+\.\d+\//, '$1 /');

describe('an engine that accepts connections and never answers', () => {
  const socketPath = `/tmp/berth-silent-${process.pid}.sock`;
  const engine = new SilentEngine(socketPath);
  const connection = new EngineConnection({
    id: 'silent',
    dockerHost: `unix://${socketPath}`,
    requestTimeoutMs: 300,
    pingTimeoutMs: 200,
    retryDelaysMs: [100],
  });

  afterAll(async () => {
    connection.close();
    await engine.stop();
  });

  it('is reported as not answering, with the endpoint and what to check, instead of connecting for ever', async () => {
    await engine.start();
    const status = await connection.connect();
    expect(status.state).toBe('not-answering');
    expect(status.error).toBe(
      `The Docker Engine at unix://${socketPath} accepted the connection but did not answer GET /version within 0.3 s`,
    );
    expect(status.hint).toContain(`docker -H unix://${socketPath} info`);
    expect(status.hint).toMatch(/is dockerd hung/i);
    expect(() => connection.requireConnected()).toThrow(/not answering/);
  });

  it('keeps pinging with its own short limit, and every request that ran out of time frees its connection', async () => {
    const before = engine.accepted;
    await waitFor(() => (engine.accepted >= before + 3 ? true : undefined), 'three more pings');
    expect(connection.status.state).toBe('not-answering');
    // At most the ping in flight stays open: aborted requests do not pile up sockets on the engine.
    await waitFor(() => (engine.open <= 1 ? true : undefined), 'timed-out requests to close their sockets');
  });
});

describe('the real engine behind a proxy that goes silent and then answers again', () => {
  const socketPath = `/tmp/berth-blackhole-${process.pid}.sock`;
  const proxy = new EngineSocketProxy(socketPath);
  // 5 s: the shared test engine must answer an ordinary request well within it.
  const connection = new EngineConnection({
    id: 'black-holed',
    dockerHost: `unix://${socketPath}`,
    requestTimeoutMs: 5000,
    pingTimeoutMs: 1000,
    retryDelaysMs: [100],
  });
  const statuses: ConnectionStatus[] = [];
  connection.onStatus((s) => statuses.push(s));

  afterAll(async () => {
    connection.close();
    await proxy.stop();
  });

  it('makes no engine requests while nothing happens (no polling)', async () => {
    await proxy.start();
    const status = await connection.connect();
    expect(status.state).toBe('connected');
    expect(proxy.requests.map(pathOf)).toEqual(['GET /version', 'GET /events']);
    // An idle window of 30 retry delays: any polling or pinging while healthy would show here.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect(proxy.requests).toHaveLength(2);
    expect(connection.status.state).toBe('connected');
  });

  it('times a call out with a clear error and says the engine is not answering, with its endpoint', async () => {
    proxy.blackHole();
    const call = connection.use((docker) => docker.listContainers({ all: true }));
    await expect(call).rejects.toMatchObject({
      code: 'ENGINE_UNAVAILABLE',
      message: `The Docker Engine at unix://${socketPath} did not answer GET /containers/json within 5 s`,
    });
    const status = connection.status;
    expect(status.state).toBe('not-answering');
    expect(status.endpoint).toBe(`unix://${socketPath}`);
    expect(status.error).toContain(`unix://${socketPath} accepted the connection but did not answer GET /containers/json within 5 s`);
    expect(status.hint).toContain(`docker -H unix://${socketPath} info`);
    // Further calls fail at once with the reason instead of piling up on the silent engine.
    await expect(connection.use((docker) => docker.listImages())).rejects.toThrow(/not answering/);
  });

  it('comes back to connected with a ping alone once the engine answers, and calls work again', async () => {
    const generation = connection.status.generation;
    // The timed-out list's connection was closed by Berth; wait until the proxy saw that too.
    await waitFor(() => (proxy.held().every((r) => pathOf(r) === 'GET /_ping') ? true : undefined), 'the timed-out request to be gone');
    const seen = proxy.requests.length;
    proxy.answer();
    const status = await waitFor(() => (connection.status.state === 'connected' ? connection.status : undefined), 'connected again');
    // Only pings reached the engine: the event stream was kept, nothing was resubscribed.
    const after = proxy.requests.slice(seen).map(pathOf);
    expect(after.length).toBeGreaterThanOrEqual(1);
    expect(new Set(after)).toEqual(new Set(['GET /_ping']));
    // A new generation, so lists that failed while the engine was silent reload.
    expect(status.generation).toBe(generation + 1);
    expect(status.error).toBeUndefined();
    await expect(connection.use((docker) => docker.listContainers({ all: true }))).resolves.toBeInstanceOf(Array);
    expect(statuses.map((s) => s.state)).toEqual(['connected', 'not-answering', 'connected']);
  });
});

describe('an engine that is silent from the start and then answers', () => {
  const socketPath = `/tmp/berth-silent-start-${process.pid}.sock`;
  const proxy = new EngineSocketProxy(socketPath);
  const connection = new EngineConnection({
    id: 'silent-start',
    dockerHost: `unix://${socketPath}`,
    requestTimeoutMs: 3000,
    pingTimeoutMs: 500,
    retryDelaysMs: [100],
  });

  afterAll(async () => {
    connection.close();
    await proxy.stop();
  });

  it('connects in full (version and event stream) once a ping is answered', async () => {
    await proxy.start();
    proxy.blackHole();
    const status = await connection.connect();
    expect(status.state).toBe('not-answering');
    expect(status.error).toContain('did not answer GET /version within 3 s');
    proxy.answer();
    const connected = await waitFor(() => (connection.status.state === 'connected' ? connection.status : undefined), 'connected');
    expect(connected.generation).toBe(1);
    expect(connected.engineVersion).toMatch(/\d/);
    const paths = proxy.requests.map(pathOf);
    expect(paths).toContain('GET /_ping');
    expect(paths.slice(-2)).toEqual(['GET /version', 'GET /events']);
  });
});
