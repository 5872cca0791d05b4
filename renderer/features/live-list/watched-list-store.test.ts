import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LiveListMessage } from '../../../shared/live-contract.js';
import { BerthError } from '../../../shared/errors.js';
import { BerthClient, type Subscription } from '../../api/client.js';
import { FakeTransport, flushPromises } from '../../test-support/fake-transport.js';
import { connectedStatus, disconnectedStatus } from '../../test-support/fixtures.js';
import { createActionRunner } from '../activity/action-runner.js';
import { createActivityStore } from '../activity/activity-store.js';
import { createConnectionStore } from '../connection/connection-store.js';
import { createWatchedListStore } from './watched-list-store.js';

interface Thing {
  id: string;
  rank: number;
}

/** A watch stream the test drives: each subscription is recorded, open until closed or ended. */
class FakeWatch {
  readonly subscriptions: Array<{ handlers: Subscription<LiveListMessage<Thing>>; open: boolean }> = [];

  readonly watch = (handlers: Subscription<LiveListMessage<Thing>>): (() => void) => {
    const entry = { handlers, open: true };
    this.subscriptions.push(entry);
    return () => {
      entry.open = false;
    };
  };

  get open(): number {
    return this.subscriptions.filter((s) => s.open).length;
  }

  send(message: LiveListMessage<Thing>): void {
    for (const s of this.subscriptions) if (s.open) s.handlers.onMessage(message);
  }

  end(error?: BerthError): void {
    for (const s of this.subscriptions) {
      if (!s.open) continue;
      s.open = false;
      s.handlers.onEnd?.(error);
    }
  }
}

const thing = (id: string, rank: number): Thing => ({ id, rank });

function setUp() {
  const transport = new FakeTransport();
  const client = new BerthClient(transport);
  const connection = createConnectionStore({ client, run: createActionRunner(client, createActivityStore()) });
  const fake = new FakeWatch();
  const list = createWatchedListStore<Thing, Thing>({
    watch: fake.watch,
    connection,
    keyOf: (t) => t.id,
    rowsOf: (t) => [t],
    compare: (a, b) => a.rank - b.rank,
    retryDelaysMs: [500, 2000],
  });
  connection.getState().start();
  list.start();
  return { transport, connection, fake, list };
}

describe('watched list store', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('subscribes on start, without waiting for the engine status, and is live once both the snapshot and the engine are there', () => {
    const { transport, fake, list } = setUp();
    expect(fake.open).toBe(1);
    expect(list.getState()).toMatchObject({ loading: true, loaded: false, live: false });
    fake.send({ t: 'snapshot', items: [thing('b', 2), thing('a', 1)] });
    expect(list.getState()).toMatchObject({ loading: false, loaded: true, live: false, error: null });
    expect(list.getState().items.map((t) => t.id)).toEqual(['a', 'b']);
    transport.emit('engine.status', connectedStatus(1));
    expect(list.getState().live).toBe(true);
    expect(fake.subscriptions).toHaveLength(1);
  });

  it('applies patches; rows whose data did not change keep their objects, and an empty patch notifies nobody', () => {
    const { transport, fake, list } = setUp();
    transport.emit('engine.status', connectedStatus(1));
    fake.send({ t: 'snapshot', items: [thing('a', 1), thing('b', 2)] });
    const [a] = list.getState().items;
    fake.send({ t: 'patch', upsert: [thing('b', 0), thing('c', 3)], remove: [] });
    expect(list.getState().items.map((t) => t.id)).toEqual(['b', 'a', 'c']);
    expect(list.getState().items[1]).toBe(a);
    const listener = vi.fn();
    const off = list.subscribe(listener);
    fake.send({ t: 'patch', upsert: [thing('a', 1)], remove: ['nobody'] });
    expect(listener).not.toHaveBeenCalled();
    fake.send({ t: 'patch', upsert: [], remove: ['c'] });
    expect(listener).toHaveBeenCalledTimes(1);
    expect(list.getState().items.map((t) => t.id)).toEqual(['b', 'a']);
    off();
  });

  it('stale keeps the rows but marks them not live until the next snapshot reconciles', () => {
    const { transport, fake, list } = setUp();
    transport.emit('engine.status', connectedStatus(1));
    fake.send({ t: 'snapshot', items: [thing('a', 1), thing('b', 2)] });
    const [a] = list.getState().items;
    fake.send({ t: 'stale', reason: 'The engine went away' });
    expect(list.getState().live).toBe(false);
    expect(list.getState().items).toHaveLength(2);
    transport.emit('engine.status', disconnectedStatus(1));
    transport.emit('engine.status', connectedStatus(2));
    // The engine is back but the list has not been reconciled yet.
    expect(list.getState().live).toBe(false);
    fake.send({ t: 'snapshot', items: [thing('a', 1)] });
    expect(list.getState().live).toBe(true);
    expect(list.getState().items).toEqual([a]);
    expect(list.getState().items[0]).toBe(a);
  });

  it('is not live while the engine is down even with a snapshot', () => {
    const { transport, fake, list } = setUp();
    transport.emit('engine.status', connectedStatus(1));
    fake.send({ t: 'snapshot', items: [] });
    expect(list.getState().live).toBe(true);
    transport.emit('engine.status', disconnectedStatus(1));
    expect(list.getState().live).toBe(false);
  });

  it('refresh() subscribes again and resolves with the fresh snapshot', async () => {
    const { transport, fake, list } = setUp();
    transport.emit('engine.status', connectedStatus(1));
    fake.send({ t: 'snapshot', items: [thing('a', 1)] });
    let done = false;
    const refreshed = list
      .getState()
      .refresh()
      .then(() => (done = true));
    expect(fake.subscriptions).toHaveLength(2);
    expect(fake.subscriptions[0]?.open).toBe(false);
    expect(fake.open).toBe(1);
    expect(list.getState()).toMatchObject({ loading: true, live: true });
    await flushPromises();
    expect(done).toBe(false);
    fake.send({ t: 'snapshot', items: [thing('a', 1), thing('z', 9)] });
    await refreshed;
    expect(list.getState().items.map((t) => t.id)).toEqual(['a', 'z']);
    expect(list.getState().loading).toBe(false);
  });

  it('refresh() on a stopped list says so instead of doing nothing', async () => {
    const { list } = setUp();
    list.stop();
    await expect(list.getState().refresh()).rejects.toThrow(/not being watched/);
  });

  it('stop() closes the stream; start() opens a new one', () => {
    const { fake, list } = setUp();
    list.stop();
    expect(fake.open).toBe(0);
    list.start();
    expect(fake.open).toBe(1);
    expect(fake.subscriptions).toHaveLength(2);
  });

  it('a stream that ends with an error shows it and is opened again after a delay, at once when asked', async () => {
    const { transport, fake, list } = setUp();
    transport.emit('engine.status', connectedStatus(1));
    fake.send({ t: 'snapshot', items: [thing('a', 1)] });
    fake.end(new BerthError({ code: 'ENGINE_ERROR', message: 'the model failed' }));
    expect(list.getState()).toMatchObject({ error: 'the model failed', live: false });
    expect(list.getState().items).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(499);
    expect(fake.open).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(fake.open).toBe(1);
    fake.end(new BerthError({ code: 'ENGINE_ERROR', message: 'again' }));
    list.requestRefresh();
    expect(fake.open).toBe(1);
    fake.send({ t: 'snapshot', items: [] });
    expect(list.getState()).toMatchObject({ error: null, live: true, items: [] });
    // requestRefresh while the stream is open: the patches bring the change, no new subscription.
    list.requestRefresh();
    expect(fake.subscriptions).toHaveLength(3);
  });

  it('does not retry a refused stream (the token was refused)', async () => {
    const { fake } = setUp();
    fake.end(new BerthError({ code: 'FORBIDDEN', message: 'token refused' }));
    await vi.advanceTimersByTimeAsync(10_000);
    expect(fake.subscriptions).toHaveLength(1);
  });

  it('subscribes again once the link to Berth comes back, for a fresh snapshot', () => {
    const { transport, connection, fake, list } = setUp();
    transport.emit('engine.status', connectedStatus(1));
    fake.send({ t: 'snapshot', items: [thing('a', 1)] });
    connection.getState().reportLink('lost');
    expect(fake.open).toBe(0);
    expect(list.getState().live).toBe(false);
    connection.getState().reportLink('open');
    expect(fake.open).toBe(1);
    transport.emit('engine.status', connectedStatus(1));
    expect(list.getState().live).toBe(false);
    fake.send({ t: 'snapshot', items: [thing('a', 1)] });
    expect(list.getState().live).toBe(true);
  });
});
