import { afterEach, describe, expect, it, vi } from 'vitest';
import { BerthClient } from '../api/client.js';
import { FakeTransport, flushPromises } from '../test-support/fake-transport.js';
import { FakeSurface } from '../test-support/fake-surface.js';
import { connectedStatus, container, event, image, network } from '../test-support/fixtures.js';
import { createAppStores } from './create-app-stores.js';
import type * as EngineEventHubModule from '../features/engine-events/engine-event-hub.js';

/** How many engine-event listeners are registered right now, across every hub the stores build. */
const liveListeners = vi.hoisted(() => ({ count: 0 }));

vi.mock('../features/engine-events/engine-event-hub.js', async (importOriginal) => {
  const real = await importOriginal<typeof EngineEventHubModule>();
  return {
    ...real,
    createEngineEventHub: (...args: Parameters<typeof real.createEngineEventHub>) => {
      const hub = real.createEngineEventHub(...args);
      return {
        ...hub,
        on(types: readonly string[], listener: Parameters<typeof hub.on>[1]) {
          const off = hub.on(types, listener);
          liveListeners.count++;
          let removed = false;
          return () => {
            if (!removed) liveListeners.count--;
            removed = true;
            off();
          };
        },
      };
    },
  };
});

afterEach(() => {
  vi.useRealTimers();
});

describe('createAppStores', () => {
  it('wires every store to one client: one status stream, one events stream, one watch stream per list', async () => {
    const transport = new FakeTransport();
    const stores = createAppStores(new BerthClient(transport), { createSurface: () => new FakeSurface() });
    stores.start();
    transport.emit('engine.status', connectedStatus(1));
    transport.emit('containers.watch', { t: 'snapshot', items: [container()] });
    transport.emit('images.watch', { t: 'snapshot', items: [image()] });
    await flushPromises();
    const watches = ['containers.watch', 'images.watch', 'volumes.watch', 'networks.watch'];
    expect(transport.openStreams('engine.status')).toHaveLength(1);
    expect(transport.openStreams('engine.events')).toHaveLength(1);
    for (const name of watches) expect(transport.openStreams(name), name).toHaveLength(1);
    expect(stores.containers.getState().items).toHaveLength(1);
    expect(stores.images.getState().items).toHaveLength(1);
    expect(transport.calls).toHaveLength(0);
    stores.stop();
    expect(transport.openStreams('engine.status')).toHaveLength(0);
    expect(transport.openStreams('engine.events')).toHaveLength(0);
    for (const name of watches) expect(transport.openStreams(name), name).toHaveLength(0);
  });

  it('builds each view’s tools once, with the stores', () => {
    const stores = createAppStores(new BerthClient(new FakeTransport()), { createSurface: () => new FakeSurface() });
    expect(stores.imageTools.detail.getState().selected).toBeNull();
    expect(stores.volumeTools.prune.getState().phase).toBe('closed');
    expect(stores.networkTools.prune.getState().phase).toBe('closed');
    expect(stores.runForm.getState().open).toBe(false);
    stores.dispose();
  });

  it('the image pane follows engine events until dispose; after it no listener remains and no timer is pending', async () => {
    vi.useFakeTimers();
    liveListeners.count = 0;
    const imageId = `sha256:${'a'.repeat(64)}`;
    const transport = new FakeTransport()
      .reply('containers.list', [])
      .reply('images.list', [image({ id: imageId })])
      .reply('volumes.list', [])
      .reply('networks.list', [])
      .reply('images.inspect', { summary: {}, document: {} })
      .reply('images.history', [])
      .reply('images.relations', { containers: [], children: [], parents: [] });
    const stores = createAppStores(new BerthClient(transport), { createSurface: () => new FakeSurface() });
    stores.start();
    transport.emit('engine.status', connectedStatus(1));
    await flushPromises();
    stores.imageTools.detail.getState().select(imageId, 'busybox:latest');
    await flushPromises();
    expect(transport.callsTo('images.inspect')).toHaveLength(1);

    // An engine event reloads the open pane once, after a short wait.
    transport.emit('engine.events', event('image', 'tag'));
    await vi.advanceTimersByTimeAsync(1000);
    expect(transport.callsTo('images.inspect')).toHaveLength(2);

    transport.emit('engine.events', event('image', 'tag'));
    expect(liveListeners.count).toBeGreaterThan(0);
    expect(vi.getTimerCount()).toBeGreaterThan(0);

    stores.dispose();
    expect(liveListeners.count).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(1000);
    expect(transport.callsTo('images.inspect')).toHaveLength(2);
  });

  it('after dispose the network pane no longer follows the list', async () => {
    const net = network({ id: 'n'.repeat(64) });
    const transport = new FakeTransport().reply('networks.inspect', { Id: net.id });
    const stores = createAppStores(new BerthClient(transport), { createSurface: () => new FakeSurface() });
    stores.networks.setState({ items: [net] });
    const detail = stores.networkTools.detail;
    detail.getState().showDetail(net.id);
    detail.getState().setInspectOpen(true);
    await flushPromises();
    expect(transport.callsTo('networks.inspect')).toHaveLength(1);

    // A change to the listed network refetches the open document...
    stores.networks.setState({ items: [{ ...net, labels: { team: 'a' } }] });
    await flushPromises();
    expect(transport.callsTo('networks.inspect')).toHaveLength(2);

    // ...until the stores are disposed.
    stores.dispose();
    stores.networks.setState({ items: [{ ...net, labels: { team: 'b' } }] });
    await flushPromises();
    expect(transport.callsTo('networks.inspect')).toHaveLength(2);
  });
});
