import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BerthClient } from '../../api/client.js';
import { FakeTransport, flushPromises } from '../../test-support/fake-transport.js';
import { connectedStatus, event } from '../../test-support/fixtures.js';
import { createActionRunner } from '../activity/action-runner.js';
import { createActivityStore } from '../activity/activity-store.js';
import { createConnectionStore } from '../connection/connection-store.js';
import { createEngineEventHub } from '../engine-events/engine-event-hub.js';
import { createVolumesStore } from './volumes-store.js';

const volume = { name: 'pg', driver: 'local', scope: 'local', createdAt: null, mountpoint: '/m', labels: {}, options: {}, usedBy: [] };

describe('volumes store', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('loads on connect; reloads on volume events and on container events that change who uses a volume, never by polling', async () => {
    const transport = new FakeTransport().reply('volumes.list', [volume]);
    const client = new BerthClient(transport);
    const connection = createConnectionStore({ client, run: createActionRunner(client, createActivityStore()) });
    const events = createEngineEventHub(client, connection);
    const volumes = createVolumesStore({ client, connection, events });
    connection.getState().start();
    events.start();
    volumes.start();

    transport.emit('engine.status', connectedStatus(1));
    await flushPromises();
    expect(volumes.getState().items.map((v) => v.name)).toEqual(['pg']);
    expect(transport.callsTo('volumes.list')).toHaveLength(1);

    // Quiet engine: no reload however long we wait.
    await vi.advanceTimersByTimeAsync(10_000);
    expect(transport.callsTo('volumes.list')).toHaveLength(1);

    // Execs (the file browser, terminals) do not change "used by".
    transport.emit('engine.events', event('container', 'exec_start: sh -c ls'));
    transport.emit('engine.events', event('container', 'exec_die'));
    await vi.advanceTimersByTimeAsync(2000);
    expect(transport.callsTo('volumes.list')).toHaveLength(1);

    transport.emit('engine.events', event('volume', 'create'));
    transport.emit('engine.events', event('volume', 'mount'));
    await vi.advanceTimersByTimeAsync(2000);
    expect(transport.callsTo('volumes.list')).toHaveLength(2);

    transport.emit('engine.events', event('container', 'destroy'));
    await vi.advanceTimersByTimeAsync(2000);
    expect(transport.callsTo('volumes.list')).toHaveLength(3);

    volumes.stop();
    transport.emit('engine.events', event('container', 'create'));
    await vi.advanceTimersByTimeAsync(2000);
    expect(transport.callsTo('volumes.list')).toHaveLength(3);
  });
});
