import { afterAll, describe, expect, it } from 'vitest';
import type { ConnectionStatus, EngineEvent } from '../../shared/engine-types.js';
import { createFixture, testDocker, uniqueName, waitFor } from '../test-support/engine-fixtures.js';
import { EngineSocketProxy } from '../test-support/socket-proxy.js';
import { EngineConnection } from './engine-connection.js';

describe('engine connection when the engine goes away and comes back', () => {
  const socketPath = `/tmp/berth-proxy-${process.pid}.sock`;
  const proxy = new EngineSocketProxy(socketPath);
  const connection = new EngineConnection({ id: 'proxied', dockerHost: `unix://${socketPath}`, retryDelaysMs: [100] });
  const statuses: ConnectionStatus[] = [];
  const events: EngineEvent[] = [];
  const made: string[] = [];
  connection.onStatus((s) => statuses.push(s));
  connection.onEvent((e) => events.push(e));

  afterAll(async () => {
    connection.close();
    await proxy.stop();
    // Only what this file made: other suites may be using the engine at the same time.
    await Promise.all(
      made.map((name) =>
        testDocker
          .getContainer(name)
          .remove({ force: true })
          .catch(() => undefined),
      ),
    );
  });

  it('says what is wrong and how to fix it when no engine answers', async () => {
    const status = await connection.connect();
    expect(status.state).toBe('disconnected');
    expect(status.error).toContain(socketPath);
    expect(status.hint).toMatch(/start the engine/i);
    expect(status.generation).toBe(0);
  });

  it('connects by itself once the engine appears', async () => {
    await proxy.start();
    const status = await waitFor(() => (connection.status.state === 'connected' ? connection.status : undefined), 'connected');
    expect(status.generation).toBe(1);
  });

  it('notices at once when the engine goes away, then reconnects with a new generation and keeps the events flowing', async () => {
    await proxy.stop();
    await waitFor(() => (connection.status.state === 'disconnected' ? true : undefined), 'disconnected', 3000);
    // Made while Berth could not see the engine: must still arrive after the reconnection (since=).
    const name = uniqueName('while-away');
    made.push(name);
    await createFixture(name);
    // The engine stamps the create event before it answers: its whole second is at most this one.
    const eventSecond = Math.floor(Date.now() / 1000);
    // Reconnect only in a later whole second, so a resubscription from "now" instead of from the
    // last event seen would miss the event every time, not just when the clock happened to tick.
    await waitFor(() => (Math.floor(Date.now() / 1000) > eventSecond ? true : undefined), 'the next whole second');
    await proxy.start();
    const status = await waitFor(() => (connection.status.state === 'connected' ? connection.status : undefined), 'reconnected');
    expect(status.generation).toBe(2);
    await waitFor(() => events.find((e) => e.name === name && e.action === 'create'), 'create event from while away');
    const states = statuses.map((s) => s.state);
    expect(states).toContain('disconnected');
  });

  it('fails calls fast with the reason while disconnected', async () => {
    await proxy.stop();
    await waitFor(() => (connection.status.state === 'disconnected' ? true : undefined), 'disconnected', 3000);
    expect(() => connection.requireConnected()).toThrow(/unavailable/i);
  });
});
