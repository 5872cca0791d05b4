import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BerthClient } from '../../api/client.js';
import { FakeTransport, flushPromises } from '../../test-support/fake-transport.js';
import { connectedStatus, event, image } from '../../test-support/fixtures.js';
import { createActionRunner } from '../activity/action-runner.js';
import { createActivityStore } from '../activity/activity-store.js';
import { createConnectionStore } from '../connection/connection-store.js';
import { createEngineEventHub } from '../engine-events/engine-event-hub.js';
import { createImagesStore } from './images-store.js';

describe('images store', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('loads on connect, reloads once per burst of image events and on a new generation', async () => {
    const transport = new FakeTransport().reply('images.list', [image({ repoTags: [] }), image({ repoTags: ['busybox:latest'] })]);
    const client = new BerthClient(transport);
    const connection = createConnectionStore({ client, run: createActionRunner(client, createActivityStore()) });
    const events = createEngineEventHub(client, connection);
    const images = createImagesStore({ client, connection, events });
    connection.getState().start();
    events.start();
    images.start();

    transport.emit('engine.status', connectedStatus(1));
    await flushPromises();
    expect(images.getState().items.map((r) => r.label)).toContain('busybox:latest');
    expect(images.getState().items.some((r) => r.label.startsWith('<none>:<none> '))).toBe(true);

    for (const action of ['pull', 'tag', 'untag', 'delete']) transport.emit('engine.events', event('image', action));
    transport.emit('engine.events', event('container', 'start'));
    await vi.advanceTimersByTimeAsync(200);
    expect(transport.callsTo('images.list')).toHaveLength(2);

    transport.emit('engine.status', connectedStatus(2));
    await flushPromises();
    expect(transport.callsTo('images.list')).toHaveLength(3);
  });
});
