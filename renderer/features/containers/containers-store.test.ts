import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BerthClient } from '../../api/client.js';
import { FakeTransport, flushPromises } from '../../test-support/fake-transport.js';
import { connectedStatus, container, disconnectedStatus } from '../../test-support/fixtures.js';
import { createActionRunner } from '../activity/action-runner.js';
import { createActivityStore, selectOpenErrors } from '../activity/activity-store.js';
import { createConnectionStore } from '../connection/connection-store.js';
import { createContainerActionsStore } from './container-actions-store.js';
import { createContainersStore } from './containers-store.js';

function setup() {
  const transport = new FakeTransport();
  const client = new BerthClient(transport);
  const activity = createActivityStore();
  const run = createActionRunner(client, activity);
  const connection = createConnectionStore({ client, run });
  const containers = createContainersStore({ client, connection });
  const actions = createContainerActionsStore(run, containers);
  connection.getState().start();
  containers.start();
  return { transport, activity, connection, containers, actions };
}

const web = container();
const db = container({ id: 'd'.repeat(64), name: 'db', created: web.created + 10, state: 'exited', status: 'Exited (0) 1 minute ago' });

describe('containers store', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('follows containers.watch from the start: the snapshot newest first, never a list call', async () => {
    const { transport, containers } = setup();
    expect(transport.openStreams('containers.watch')).toHaveLength(1);
    transport.emit('containers.watch', { t: 'snapshot', items: [web, db] });
    transport.emit('engine.status', connectedStatus(1));
    await flushPromises();
    expect(containers.getState()).toMatchObject({ loaded: true, live: true, error: null });
    expect(containers.getState().items.map((c) => c.name)).toEqual(['db', 'web']);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(transport.callsTo('containers.list')).toHaveLength(0);
  });

  it('a patch replaces the one container that changed; the other keeps its object', () => {
    const { transport, containers } = setup();
    transport.emit('engine.status', connectedStatus(1));
    transport.emit('containers.watch', { t: 'snapshot', items: [web, db] });
    const [dbBefore, webBefore] = containers.getState().items;
    transport.emit('containers.watch', { t: 'patch', upsert: [{ ...db, state: 'running', status: 'Up 1 second' }], remove: [] });
    const [dbAfter, webAfter] = containers.getState().items;
    expect(dbAfter).not.toBe(dbBefore);
    expect(dbAfter?.state).toBe('running');
    expect(webAfter).toBe(webBefore);
    transport.emit('containers.watch', { t: 'patch', upsert: [], remove: [db.id] });
    expect(containers.getState().items.map((c) => c.name)).toEqual(['web']);
  });

  it('keeps the rows, greyed, while the engine is away, and takes the snapshot sent when it is back', () => {
    const { transport, containers } = setup();
    transport.emit('engine.status', connectedStatus(1));
    transport.emit('containers.watch', { t: 'snapshot', items: [web] });
    transport.emit('containers.watch', { t: 'stale', reason: 'The engine went away' });
    transport.emit('engine.status', disconnectedStatus(1));
    expect(containers.getState()).toMatchObject({ live: false, loaded: true });
    expect(containers.getState().items).toHaveLength(1);
    transport.emit('engine.status', connectedStatus(2));
    transport.emit('containers.watch', { t: 'snapshot', items: [web, db] });
    expect(containers.getState().live).toBe(true);
    expect(containers.getState().items).toHaveLength(2);
    expect(transport.streams.filter((s) => s.name === 'containers.watch')).toHaveLength(1);
  });

  it('subscribes again after the link to Berth comes back (the server sends a fresh snapshot)', async () => {
    const { transport, containers } = setup();
    transport.emit('engine.status', connectedStatus(1));
    transport.emit('containers.watch', { t: 'snapshot', items: [web] });
    transport.end('engine.status');
    expect(containers.getState().live).toBe(false);
    expect(transport.openStreams('containers.watch')).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(500);
    transport.emit('engine.status', connectedStatus(1));
    expect(transport.openStreams('containers.watch')).toHaveLength(1);
    expect(containers.getState().live).toBe(false);
    transport.emit('containers.watch', { t: 'snapshot', items: [] });
    expect(containers.getState()).toMatchObject({ live: true, items: [] });
  });

  it('shows why the stream ended and follows again after a delay', async () => {
    const { transport, containers } = setup();
    transport.emit('engine.status', connectedStatus(1));
    transport.end('containers.watch', { code: 'ENGINE_ERROR', message: 'engine hiccup' });
    expect(containers.getState().error).toBe('engine hiccup');
    await vi.advanceTimersByTimeAsync(500);
    expect(transport.openStreams('containers.watch')).toHaveLength(1);
    transport.emit('containers.watch', { t: 'snapshot', items: [web] });
    expect(containers.getState()).toMatchObject({ error: null, live: true });
  });

  it('refresh() asks the server for a fresh snapshot', async () => {
    const { transport, containers } = setup();
    transport.emit('engine.status', connectedStatus(1));
    transport.emit('containers.watch', { t: 'snapshot', items: [web] });
    const refreshed = containers.getState().refresh();
    expect(transport.streams.filter((s) => s.name === 'containers.watch')).toHaveLength(2);
    expect(transport.openStreams('containers.watch')).toHaveLength(1);
    transport.emit('containers.watch', { t: 'snapshot', items: [web, db] });
    await refreshed;
    expect(containers.getState().items).toHaveLength(2);
  });

  it('stop() closes the stream', () => {
    const { transport, containers } = setup();
    containers.stop();
    expect(transport.openStreams('containers.watch')).toHaveLength(0);
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
    // The row goes when the server's patch says so: nothing is reloaded, the stream stays as it was.
    await vi.advanceTimersByTimeAsync(1000);
    expect(transport.callsTo('containers.list')).toHaveLength(0);
    expect(transport.streams.filter((s) => s.name === 'containers.watch')).toHaveLength(1);
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
