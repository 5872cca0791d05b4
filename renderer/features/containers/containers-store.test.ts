import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ContainerSummary } from '../../../shared/engine-types.js';
import { BerthClient } from '../../api/client.js';
import { FakeTransport, flushPromises } from '../../test-support/fake-transport.js';
import { connectedStatus, container, disconnectedStatus, event } from '../../test-support/fixtures.js';
import { createActionRunner } from '../activity/action-runner.js';
import { createActivityStore, selectOpenErrors } from '../activity/activity-store.js';
import { createConnectionStore } from '../connection/connection-store.js';
import { createEngineEventHub } from '../engine-events/engine-event-hub.js';
import { createContainerActionsStore } from './container-actions-store.js';
import { createContainersStore } from './containers-store.js';

function setup(list: ContainerSummary[] = [container()]) {
  const transport = new FakeTransport().reply('containers.list', () => list);
  const client = new BerthClient(transport);
  const activity = createActivityStore();
  const run = createActionRunner(client, activity);
  const connection = createConnectionStore({ client, run });
  const events = createEngineEventHub(client, connection);
  const containers = createContainersStore({ client, connection, events, debounceMs: 100 });
  const actions = createContainerActionsStore(run, containers);
  connection.getState().start();
  events.start();
  containers.start();
  return { transport, activity, connection, containers, actions };
}

describe('containers store', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('loads the list when the engine connects, not before', async () => {
    const { transport, containers } = setup();
    await flushPromises();
    expect(transport.callsTo('containers.list')).toHaveLength(0);
    transport.emit('engine.status', disconnectedStatus(0));
    await flushPromises();
    expect(transport.callsTo('containers.list')).toHaveLength(0);
    transport.emit('engine.status', connectedStatus(1));
    await flushPromises();
    expect(transport.callsTo('containers.list')).toHaveLength(1);
    expect(containers.getState()).toMatchObject({ loaded: true, live: true, error: null });
    expect(containers.getState().items.map((c) => c.name)).toEqual(['web']);
  });

  it('coalesces a burst of container events into one reload after the debounce', async () => {
    const { transport } = setup();
    transport.emit('engine.status', connectedStatus(1));
    await flushPromises();
    expect(transport.callsTo('containers.list')).toHaveLength(1);
    for (let i = 0; i < 40; i++) transport.emit('engine.events', event('container', i % 2 ? 'start' : 'create', `c${i}`));
    await vi.advanceTimersByTimeAsync(50);
    expect(transport.callsTo('containers.list')).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(60);
    expect(transport.callsTo('containers.list')).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1000);
    expect(transport.callsTo('containers.list')).toHaveLength(2);
  });

  it('ignores events about other object types', async () => {
    const { transport } = setup();
    transport.emit('engine.status', connectedStatus(1));
    await flushPromises();
    transport.emit('engine.events', event('network', 'connect'));
    transport.emit('engine.events', event('image', 'pull'));
    await vi.advanceTimersByTimeAsync(500);
    expect(transport.callsTo('containers.list')).toHaveLength(1);
  });

  it('marks rows not live while disconnected and reloads on a new generation', async () => {
    const { transport, containers } = setup();
    transport.emit('engine.status', connectedStatus(1));
    await flushPromises();
    transport.emit('engine.status', disconnectedStatus(1));
    expect(containers.getState().live).toBe(false);
    transport.emit('engine.status', connectedStatus(2));
    await flushPromises();
    expect(transport.callsTo('containers.list')).toHaveLength(2);
    expect(containers.getState().live).toBe(true);
  });

  it('reloads after the link to Berth comes back, even with the same generation', async () => {
    const { transport, containers } = setup();
    transport.emit('engine.status', connectedStatus(1));
    await flushPromises();
    transport.end('engine.status');
    expect(containers.getState().live).toBe(false);
    await vi.advanceTimersByTimeAsync(500);
    transport.emit('engine.status', connectedStatus(1));
    await flushPromises();
    expect(transport.callsTo('containers.list')).toHaveLength(2);
    // The events stream is resubscribed too.
    expect(transport.openStreams('engine.events')).toHaveLength(1);
  });

  it('reloads when the transport reconnects (stream kept alive by the transport)', async () => {
    const { transport, connection, containers } = setup();
    transport.emit('engine.status', connectedStatus(1));
    await flushPromises();
    connection.getState().reportLink('lost');
    expect(containers.getState().live).toBe(false);
    connection.getState().reportLink('open');
    await flushPromises();
    expect(transport.callsTo('containers.list')).toHaveLength(1);
    transport.emit('engine.status', connectedStatus(1));
    await flushPromises();
    expect(transport.callsTo('containers.list')).toHaveLength(2);
    expect(containers.getState().live).toBe(true);
    expect(transport.streams.filter((s) => s.name === 'engine.events')).toHaveLength(1);
  });

  it('keeps a load error visible', async () => {
    const { transport, containers } = setup();
    transport.fail('containers.list', { code: 'ENGINE_ERROR', message: 'engine hiccup' });
    transport.emit('engine.status', connectedStatus(1));
    await flushPromises();
    expect(containers.getState().error).toBe('engine hiccup');
  });
});

describe('container actions', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('surfaces an engine refusal as an open error and an inline failure', async () => {
    const { transport, actions, activity } = setup();
    transport.emit('engine.status', connectedStatus(1));
    transport.fail('containers.start', { code: 'CONFLICT', message: 'container is marked for removal' });
    const ok = await actions.getState().start({ id: 'a'.repeat(64), name: 'web' });
    expect(ok).toBe(false);
    expect(actions.getState().failures['a'.repeat(64)]).toBe('container is marked for removal');
    expect(actions.getState().pending).toEqual({});
    expect(selectOpenErrors(activity.getState())[0]).toMatchObject({ command: 'docker start web', errorCode: 'CONFLICT' });
  });

  it('removes only after confirmation, with force when asked, and refreshes', async () => {
    const { transport, actions, activity } = setup();
    transport.emit('engine.status', connectedStatus(1));
    await flushPromises();
    transport.reply('containers.remove', null);
    const web = container();
    actions.getState().askRemove(web);
    expect(transport.callsTo('containers.remove')).toHaveLength(0);
    actions.getState().setRemoveForce(true);
    await actions.getState().confirmRemove();
    expect(transport.callsTo('containers.remove')[0]?.input).toEqual({ id: web.id, force: true });
    expect(activity.getState().entries.at(-1)?.command).toBe('docker rm --force web');
    expect(actions.getState().removeRequest).toBeNull();
    await vi.advanceTimersByTimeAsync(150);
    expect(transport.callsTo('containers.list')).toHaveLength(2);
  });

  it('offers force by default only for a container that must be killed to be removed', () => {
    const { actions } = setup();
    actions.getState().askRemove(container({ state: 'running' }));
    expect(actions.getState().removeRequest?.force).toBe(true);
    actions.getState().askRemove(container({ state: 'created' }));
    expect(actions.getState().removeRequest?.force).toBe(false);
  });

  it('cancel does nothing', async () => {
    const { transport, actions } = setup();
    actions.getState().askRemove(container());
    actions.getState().cancelRemove();
    expect(await actions.getState().confirmRemove()).toBe(false);
    expect(transport.callsTo('containers.remove')).toHaveLength(0);
  });
});
