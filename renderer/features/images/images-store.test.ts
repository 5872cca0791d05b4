import { describe, expect, it } from 'vitest';
import { BerthClient } from '../../api/client.js';
import { FakeTransport } from '../../test-support/fake-transport.js';
import { connectedStatus, image } from '../../test-support/fixtures.js';
import { createActionRunner } from '../activity/action-runner.js';
import { createActivityStore } from '../activity/activity-store.js';
import { createConnectionStore } from '../connection/connection-store.js';
import { createImagesStore } from './images-store.js';

function setUp() {
  const transport = new FakeTransport();
  const client = new BerthClient(transport);
  const connection = createConnectionStore({ client, run: createActionRunner(client, createActivityStore()) });
  const images = createImagesStore({ client, connection });
  connection.getState().start();
  images.start();
  transport.emit('engine.status', connectedStatus(1));
  return { transport, images };
}

describe('images store', () => {
  it('shows the watched images as docker images rows: one per tag, dangling ones by short id', () => {
    const { transport, images } = setUp();
    transport.emit('images.watch', {
      t: 'snapshot',
      items: [image({ id: 'sha256:dangling', repoTags: [] }), image({ repoTags: ['busybox:latest'] })],
    });
    expect(images.getState()).toMatchObject({ loaded: true, live: true });
    expect(images.getState().items.map((r) => r.label)).toContain('busybox:latest');
    expect(images.getState().items.some((r) => r.label.startsWith('<none>:<none> '))).toBe(true);
    expect(transport.callsTo('images.list')).toHaveLength(0);
  });

  it('a tag added to one image adds its row; the other image’s rows keep their objects; a deleted image takes its rows along', () => {
    const { transport, images } = setUp();
    const app = image({ id: `sha256:${'a'.repeat(64)}`, repoTags: ['app:1'], created: 2 });
    const base = image({ id: `sha256:${'b'.repeat(64)}`, repoTags: ['base:1', 'base:latest'], created: 1 });
    transport.emit('images.watch', { t: 'snapshot', items: [app, base] });
    expect(images.getState().items.map((r) => r.label)).toEqual(['app:1', 'base:1', 'base:latest']);
    const baseRows = images.getState().items.slice(1);
    transport.emit('images.watch', { t: 'patch', upsert: [{ ...app, repoTags: ['app:1', 'app:2'] }], remove: [] });
    expect(images.getState().items.map((r) => r.label)).toEqual(['app:1', 'app:2', 'base:1', 'base:latest']);
    expect(images.getState().items.slice(2)).toEqual(baseRows);
    expect(images.getState().items[2]).toBe(baseRows[0]);
    transport.emit('images.watch', { t: 'patch', upsert: [], remove: [base.id] });
    expect(images.getState().items.map((r) => r.label)).toEqual(['app:1', 'app:2']);
  });
});
