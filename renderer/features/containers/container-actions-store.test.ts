import { describe, expect, it } from 'vitest';
import { BerthClient } from '../../api/client.js';
import { FakeTransport, flushPromises } from '../../test-support/fake-transport.js';
import { container } from '../../test-support/fixtures.js';
import { createActionRunner } from '../activity/action-runner.js';
import { createActivityStore } from '../activity/activity-store.js';
import { createContainerActionsStore } from './container-actions-store.js';
import type { ContainersStore } from './containers-store.js';

function setup(transport: FakeTransport) {
  const activity = createActivityStore();
  const run = createActionRunner(new BerthClient(transport), activity);
  let refreshes = 0;
  const list = { requestRefresh: () => void refreshes++ } as unknown as ContainersStore;
  return { activity, store: createContainerActionsStore(run, list), refreshes: () => refreshes };
}

const commands = (activity: ReturnType<typeof createActivityStore>) => activity.getState().entries.map((e) => e.command);

describe('container actions store', () => {
  it('pause, unpause and kill run as their docker commands, shown by name', async () => {
    const transport = new FakeTransport().reply('containers.pause', null).reply('containers.unpause', null).reply('containers.kill', null);
    const { activity, store } = setup(transport);
    const ref = { id: 'a'.repeat(64), name: 'web' };
    expect(await store.getState().pause(ref)).toBe(true);
    expect(await store.getState().unpause(ref)).toBe(true);
    expect(await store.getState().kill(ref, 'SIGTERM')).toBe(true);
    expect(await store.getState().kill(ref)).toBe(true);
    expect(commands(activity)).toEqual(
      expect.arrayContaining(['docker pause web', 'docker unpause web', 'docker kill --signal SIGTERM web', 'docker kill web']),
    );
    expect(transport.callsTo('containers.kill').map((c) => c.input)).toEqual([{ id: ref.id, signal: 'SIGTERM' }, { id: ref.id }]);
  });

  it('rename resolves to the engine’s error', async () => {
    const transport = new FakeTransport().fail('containers.rename', { code: 'CONFLICT', message: 'name "db" is already in use' });
    const { store } = setup(transport);
    expect(await store.getState().rename({ id: 'x', name: 'web' }, 'db')).toBe('name "db" is already in use');
  });

  it('asking to remove loads the writable layer’s changes; commit, then remove runs both in order', async () => {
    const changes = [{ path: '/hello', kind: 'added' }];
    const transport = new FakeTransport()
      .reply('containers.changes', changes)
      .reply('containers.commit', { imageId: 'sha256:abc' })
      .reply('containers.remove', null);
    const { activity, store } = setup(transport);
    const c = container({ state: 'exited', name: 'web' });
    store.getState().askRemove(c);
    expect(store.getState().removeRequest?.changes).toBeNull();
    await flushPromises();
    expect(store.getState().removeRequest?.changes).toEqual(changes);
    expect(await store.getState().commitThenRemove({ repository: 'web-snapshot', tag: 'latest' })).toBeUndefined();
    await flushPromises();
    expect(transport.calls.map((x) => x.name)).toEqual(['containers.changes', 'containers.commit', 'containers.remove']);
    expect(commands(activity)).toContain('docker commit web web-snapshot:latest');
    expect(store.getState().removeRequest).toBeNull();
  });

  it('a failed commit keeps the container and the dialog', async () => {
    const transport = new FakeTransport()
      .reply('containers.changes', [{ path: '/a', kind: 'added' }])
      .fail('containers.commit', { code: 'ENGINE_ERROR', message: 'invalid reference format' });
    const { store } = setup(transport);
    store.getState().askRemove(container({ state: 'exited' }));
    await flushPromises();
    expect(await store.getState().commitThenRemove({ repository: 'Bad' })).toBe('invalid reference format');
    expect(transport.callsTo('containers.remove')).toHaveLength(0);
    expect(store.getState().removeRequest).not.toBeNull();
  });

  it('bulk remove asks once, forces when some are running, removes each', async () => {
    const transport = new FakeTransport().reply('containers.remove', null);
    const { store } = setup(transport);
    const a = container({ id: '1'.repeat(64), name: 'a', state: 'running' });
    const b = container({ id: '2'.repeat(64), name: 'b', state: 'exited' });
    store.getState().askRemoveMany([a, b]);
    expect(store.getState().bulkRemove?.force).toBe(true);
    await store.getState().confirmRemoveMany();
    expect(transport.callsTo('containers.remove').map((c) => c.input)).toEqual([
      { id: a.id, force: true },
      { id: b.id, force: true },
    ]);
  });

  it('stop many stops only the ones that can stop', async () => {
    const transport = new FakeTransport().reply('containers.stop', null);
    const { store } = setup(transport);
    await store
      .getState()
      .stopMany([container({ id: '1'.repeat(64), state: 'running' }), container({ id: '2'.repeat(64), state: 'exited' })]);
    expect(transport.callsTo('containers.stop')).toHaveLength(1);
  });
});
