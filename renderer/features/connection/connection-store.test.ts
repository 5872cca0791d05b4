import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BerthClient } from '../../api/client.js';
import type { TransportStatus } from '../../api/transport-status.js';
import { FakeTransport, flushPromises } from '../../test-support/fake-transport.js';
import { connectedStatus, disconnectedStatus } from '../../test-support/fixtures.js';
import { createActionRunner } from '../activity/action-runner.js';
import { createActivityStore, selectOpenErrors } from '../activity/activity-store.js';
import { bindTransportStatus } from './bind-transport-status.js';
import { createConnectionStore, isLive, syncKey } from './connection-store.js';

function setup() {
  const transport = new FakeTransport();
  const client = new BerthClient(transport);
  const activity = createActivityStore();
  const connection = createConnectionStore({ client, run: createActionRunner(client, activity), resubscribeDelaysMs: [100] });
  return { transport, activity, connection };
}

describe('connection store', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('follows engine.status and is live only while connected', () => {
    const { transport, connection } = setup();
    connection.getState().start();
    expect(connection.getState().link).toBe('connecting');
    transport.emit('engine.status', disconnectedStatus(0));
    expect(connection.getState().link).toBe('open');
    expect(isLive(connection.getState())).toBe(false);
    expect(syncKey(connection.getState())).toBeNull();
    transport.emit('engine.status', connectedStatus(1));
    expect(isLive(connection.getState())).toBe(true);
    expect(syncKey(connection.getState())).toBe('1:1');
  });

  it('marks the link lost when the stream ends and resubscribes with a new epoch', async () => {
    const { transport, connection } = setup();
    connection.getState().start();
    transport.emit('engine.status', connectedStatus(1));
    transport.end('engine.status', { code: 'INTERNAL', message: 'socket closed' });
    expect(connection.getState()).toMatchObject({ link: 'lost', linkError: 'socket closed' });
    expect(isLive(connection.getState())).toBe(false);
    await vi.advanceTimersByTimeAsync(100);
    expect(transport.openStreams('engine.status')).toHaveLength(1);
    transport.emit('engine.status', connectedStatus(1));
    expect(syncKey(connection.getState())).toBe('2:1');
  });

  it('follows the transport: lost, then open again only once a fresh status arrives', () => {
    const { transport, connection } = setup();
    connection.getState().start();
    transport.emit('engine.status', connectedStatus(1));
    connection.getState().reportLink('lost', 'Lost connection to the Berth server');
    expect(connection.getState()).toMatchObject({ link: 'lost', linkError: 'Lost connection to the Berth server' });
    expect(isLive(connection.getState())).toBe(false);
    connection.getState().reportLink('open');
    expect(connection.getState().link).toBe('connecting');
    expect(isLive(connection.getState())).toBe(false);
    transport.emit('engine.status', connectedStatus(1));
    expect(syncKey(connection.getState())).toBe('2:1');
    // The stream survived the reconnect (the transport resubscribed it): no second subscription.
    expect(transport.streams.filter((s) => s.name === 'engine.status')).toHaveLength(1);
  });

  it('bindTransportStatus maps the transport states', () => {
    const { connection } = setup();
    let listener: ((status: TransportStatus) => void) | undefined;
    const fake = {
      status: { state: 'unauthorized', message: 'This page needs the link Berth printed (with ?token=...)' } as TransportStatus,
      onStatus(l: (status: TransportStatus) => void) {
        listener = l;
        return () => undefined;
      },
    };
    bindTransportStatus(fake, connection);
    expect(connection.getState()).toMatchObject({ link: 'unauthorized', linkError: fake.status.message });
    expect(listener).toBeDefined();
  });

  it('says so when the transport refuses the token', () => {
    const { transport, connection } = setup();
    connection.getState().start();
    transport.end('engine.status', { code: 'FORBIDDEN', message: 'Bad token' });
    expect(connection.getState().link).toBe('unauthorized');
  });

  it('retry asks the engine to reconnect and records docker info', async () => {
    const { transport, connection, activity } = setup();
    transport.reply('engine.reconnect', connectedStatus(2));
    connection.getState().start();
    transport.emit('engine.status', disconnectedStatus(1));
    await connection.getState().retry();
    expect(transport.callsTo('engine.reconnect')).toHaveLength(1);
    expect(connection.getState().status?.state).toBe('connected');
    expect(activity.getState().entries[0]?.command).toBe('docker info');
  });

  it('a reconnect that leaves the engine down is recorded as a failure with its reason', async () => {
    const { transport, connection, activity } = setup();
    transport.reply('engine.reconnect', disconnectedStatus(1));
    connection.getState().start();
    transport.emit('engine.status', disconnectedStatus(1));
    await connection.getState().retry();
    expect(activity.getState().entries[0]).toMatchObject({
      command: 'docker info',
      outcome: 'error',
      detail: 'connect ENOENT /var/run/docker.sock',
    });
    // The full-window screen shows it; no toast repeats it.
    expect(selectOpenErrors(activity.getState())).toHaveLength(0);
  });

  it('retry failure is recorded, not thrown', async () => {
    const { transport, connection, activity } = setup();
    transport.fail('engine.reconnect', { code: 'ENGINE_UNAVAILABLE', message: 'no engine' });
    connection.getState().start();
    transport.emit('engine.status', disconnectedStatus(1));
    await connection.getState().retry();
    await flushPromises();
    expect(connection.getState().retrying).toBe(false);
    expect(activity.getState().entries[0]).toMatchObject({ outcome: 'error', detail: 'no engine' });
  });
});
