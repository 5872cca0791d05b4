import { describe, expect, it } from 'vitest';
import type { VolumeUser } from '../../../shared/volume-types.js';
import { BerthClient } from '../../api/client.js';
import { FakeTransport } from '../../test-support/fake-transport.js';
import { connectedStatus } from '../../test-support/fixtures.js';
import { createActionRunner } from '../activity/action-runner.js';
import { createActivityStore } from '../activity/activity-store.js';
import { createConnectionStore } from '../connection/connection-store.js';
import { createVolumesStore } from './volumes-store.js';

const volume = (name: string, usedBy: VolumeUser[] = []) => ({
  name,
  driver: 'local',
  scope: 'local',
  createdAt: null,
  mountpoint: `/var/lib/docker/volumes/${name}/_data`,
  labels: { 'com.docker.compose.project': 'shop' },
  options: {},
  usedBy,
});

describe('volumes store', () => {
  it('follows volumes.watch by name: rows sorted by name, who uses a volume updated by a patch, removal by name', () => {
    const transport = new FakeTransport();
    const client = new BerthClient(transport);
    const connection = createConnectionStore({ client, run: createActionRunner(client, createActivityStore()) });
    const volumes = createVolumesStore({ client, connection });
    connection.getState().start();
    volumes.start();
    transport.emit('engine.status', connectedStatus(1));
    transport.emit('volumes.watch', { t: 'snapshot', items: [volume('pg'), volume('cache')] });
    expect(volumes.getState().items.map((v) => v.name)).toEqual(['cache', 'pg']);
    expect(volumes.getState().items[1]).toMatchObject({ project: 'shop', anonymous: false });
    const cache = volumes.getState().items[0];

    transport.emit('volumes.watch', {
      t: 'patch',
      upsert: [volume('pg', [{ id: 'c1', name: 'db', state: 'running', destination: '/data', readOnly: false }])],
      remove: [],
    });
    expect(volumes.getState().items[1]?.usedBy.map((u) => u.name)).toEqual(['db']);
    expect(volumes.getState().items[0]).toBe(cache);

    transport.emit('volumes.watch', { t: 'patch', upsert: [], remove: ['cache'] });
    expect(volumes.getState().items.map((v) => v.name)).toEqual(['pg']);
    expect(transport.callsTo('volumes.list')).toHaveLength(0);

    volumes.stop();
    expect(transport.openStreams('volumes.watch')).toHaveLength(0);
  });
});
