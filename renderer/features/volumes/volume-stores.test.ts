import { describe, expect, it } from 'vitest';
import { BerthClient } from '../../api/client.js';
import { FakeTransport } from '../../test-support/fake-transport.js';
import { createActionRunner } from '../activity/action-runner.js';
import { createActivityStore } from '../activity/activity-store.js';
import type { VolumeSummary } from '../../../shared/volume-types.js';
import { createVolumeCreateStore } from './volume-create-store.js';
import { createVolumeRemoveStore } from './volume-remove-store.js';
import { createVolumeSizesStore } from './volume-sizes-store.js';

function setup(transport: FakeTransport) {
  const client = new BerthClient(transport);
  const activity = createActivityStore();
  let changed = 0;
  return { activity, run: createActionRunner(client, activity), onChanged: () => void changed++, changed: () => changed };
}

const vol = (name: string): VolumeSummary => ({
  name,
  driver: 'local',
  scope: 'local',
  createdAt: null,
  mountpoint: '',
  labels: {},
  options: {},
  usedBy: [],
});

describe('remove volumes', () => {
  it('keeps the dialog open with the engine’s refusal for one volume', async () => {
    const transport = new FakeTransport().fail('volumes.remove', { code: 'CONFLICT', message: 'remove db: volume is in use - [c1]' });
    const t = setup(transport);
    const remove = createVolumeRemoveStore(t.run, t.onChanged);
    remove.getState().ask([vol('db')]);
    await remove.getState().confirm();
    expect(remove.getState().request).toMatchObject({ busy: false, refusal: 'remove db: volume is in use - [c1]' });
    expect(t.activity.getState().entries[0]?.command).toBe('docker volume rm db');
  });

  it('closes when every selected volume went, and lists the ones that did not otherwise', async () => {
    const answers = [
      [
        { name: 'a1', removed: true },
        { name: 'b2', removed: true },
      ],
      [
        { name: 'a1', removed: true },
        { name: 'b2', removed: false, reason: 'refused', code: 'CONFLICT', error: 'in use' },
      ],
    ];
    const transport = new FakeTransport().reply('volumes.removeMany', () => answers.shift());
    const t = setup(transport);
    const remove = createVolumeRemoveStore(t.run, t.onChanged);
    remove.getState().ask([vol('a1'), vol('b2')]);
    await remove.getState().confirm();
    expect(remove.getState().request).toBeNull();
    remove.getState().ask([vol('a1'), vol('b2')]);
    await remove.getState().confirm();
    expect(remove.getState().request?.results).toEqual([
      { name: 'a1', removed: true },
      { name: 'b2', removed: false, reason: 'refused', code: 'CONFLICT', error: 'in use' },
    ]);
  });
});

describe('create volume', () => {
  it('shows the engine’s error in the dialog and keeps it open', async () => {
    const transport = new FakeTransport().fail('volumes.create', { code: 'NOT_FOUND', message: 'plugin "nosuch" not found' });
    const t = setup(transport);
    const create = createVolumeCreateStore(t.run, t.onChanged);
    create.getState().openDialog();
    expect(await create.getState().submit({ name: 'db', driver: 'nosuch' })).toBe(false);
    expect(create.getState()).toMatchObject({ open: true, busy: false, error: 'plugin "nosuch" not found' });
  });
});

describe('volume sizes', () => {
  it('measures only when asked, and remembers when', async () => {
    const transport = new FakeTransport().reply('volumes.sizes', { measuredAt: 1234, sizes: { a: 10, b: null } });
    const sizes = createVolumeSizesStore(setup(transport).run);
    expect(transport.callsTo('volumes.sizes')).toHaveLength(0);
    await sizes.getState().measure();
    expect(sizes.getState()).toMatchObject({ measuring: false, measuredAt: 1234, sizes: { a: 10, b: null } });
  });
});
