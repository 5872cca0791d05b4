import { describe, expect, it } from 'vitest';
import { BerthClient } from '../api/client.js';
import { FakeTransport, flushPromises } from '../test-support/fake-transport.js';
import { FakeSurface } from '../test-support/fake-surface.js';
import { connectedStatus, container, image } from '../test-support/fixtures.js';
import { createAppStores } from './create-app-stores.js';

describe('createAppStores', () => {
  it('wires every store to one client: one status stream, one events stream, both lists on connect', async () => {
    const transport = new FakeTransport().reply('containers.list', [container()]).reply('images.list', [image()]);
    const stores = createAppStores(new BerthClient(transport), { createSurface: () => new FakeSurface() });
    stores.start();
    transport.emit('engine.status', connectedStatus(1));
    await flushPromises();
    expect(transport.openStreams('engine.status')).toHaveLength(1);
    expect(transport.openStreams('engine.events')).toHaveLength(1);
    expect(stores.containers.getState().items).toHaveLength(1);
    expect(stores.images.getState().items).toHaveLength(1);
    stores.stop();
    expect(transport.openStreams('engine.status')).toHaveLength(0);
    expect(transport.openStreams('engine.events')).toHaveLength(0);
  });
});
