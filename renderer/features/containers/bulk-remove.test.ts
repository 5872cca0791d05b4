import { describe, expect, it } from 'vitest';
import type { CallResult } from '../../../shared/wire.js';
import { BerthClient } from '../../api/client.js';
import { FakeTransport, flushPromises } from '../../test-support/fake-transport.js';
import { container } from '../../test-support/fixtures.js';
import { createActionRunner } from '../activity/action-runner.js';
import { createActivityStore, selectOpenErrors } from '../activity/activity-store.js';
import { changesCheckConcurrency, checksPending, containersToRemove, forEachLimited, removedWithChanges } from './bulk-remove.js';
import { createContainerActionsStore } from './container-actions-store.js';
import type { ContainersStore } from './containers-store.js';

function setup(transport: FakeTransport) {
  const activity = createActivityStore();
  const run = createActionRunner(new BerthClient(transport), activity);
  const list = { requestRefresh: () => undefined } as unknown as ContainersStore;
  const store = createContainerActionsStore(run, list);
  return { activity, store, s: () => store.getState() };
}

/** A `containers.changes` fake that answers only when the test says so, and counts calls in flight. */
function heldChanges(transport: FakeTransport) {
  const waiting = new Map<string, (result: CallResult) => void>();
  let inFlight = 0;
  let maxInFlight = 0;
  transport.handle('containers.changes', (input) => {
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    return new Promise<CallResult>((resolve) => {
      waiting.set((input as { id: string }).id, (result) => {
        inFlight--;
        resolve(result);
      });
    });
  });
  return {
    answer: async (id: string, result: CallResult) => {
      waiting.get(id)!(result);
      waiting.delete(id);
      await flushPromises();
      await flushPromises();
    },
    waitingFor: () => [...waiting.keys()],
    maxInFlight: () => maxInFlight,
  };
}

const ids = (n: number) => Array.from({ length: n }, (_, i) => String(i).repeat(64).slice(0, 64));

describe('bulk remove checks each container for changes', () => {
  it('asks docker diff for every selected container, a few at a time, and shows each answer as it comes', async () => {
    const transport = new FakeTransport();
    const held = heldChanges(transport);
    const { s } = setup(transport);
    const cs = ids(6).map((id, i) => container({ id, name: `c${i}`, state: 'exited' }));
    s().askRemoveMany(cs);
    await flushPromises();
    const request = () => s().bulkRemove!;
    expect(checksPending(request())).toBe(6);
    expect(held.waitingFor()).toHaveLength(changesCheckConcurrency);

    await held.answer(cs[0]!.id, { ok: true, value: [{ path: '/hello', kind: 'added' }] });
    expect(request().checks[cs[0]!.id]).toEqual({ status: 'done', changes: [{ path: '/hello', kind: 'added' }] });
    expect(checksPending(request())).toBe(5);
    expect(held.waitingFor()).toHaveLength(changesCheckConcurrency);

    for (const c of cs.slice(1)) {
      while (!held.waitingFor().includes(c.id)) await flushPromises();
      await held.answer(
        c.id,
        c.name === 'c3' ? { ok: false, error: { code: 'NOT_FOUND', message: 'No such container' } } : { ok: true, value: [] },
      );
    }
    expect(held.maxInFlight()).toBe(changesCheckConcurrency);
    expect(checksPending(request())).toBe(0);
    expect(request().checks[cs[3]!.id]).toEqual({ status: 'failed', error: 'No such container' });
    expect(removedWithChanges(request()).map((c) => c.name)).toEqual(['c0']);
  });

  it('records each check as docker diff in the strip, failures without a toast (the dialog says them)', async () => {
    const transport = new FakeTransport().fail('containers.changes', { code: 'ENGINE_ERROR', message: 'boom' });
    const { s, activity } = setup(transport);
    s().askRemoveMany([container({ name: 'web', state: 'exited' })]);
    await flushPromises();
    expect(activity.getState().entries[0]).toMatchObject({ command: 'docker diff web', outcome: 'error' });
    expect(selectOpenErrors(activity.getState())).toHaveLength(0);
  });

  it('an unticked container is kept; force is used only while a running one is still to remove', async () => {
    const transport = new FakeTransport().reply('containers.changes', []).reply('containers.remove', null);
    const { s } = setup(transport);
    const running = container({ id: ids(2)[0], name: 'run', state: 'running' });
    const changed = container({ id: ids(2)[1], name: 'changed', state: 'exited' });
    s().askRemoveMany([running, changed]);
    expect(s().bulkRemove?.force).toBe(true);
    s().setBulkRemoveIncluded(running.id, false);
    expect(containersToRemove(s().bulkRemove!).map((c) => c.name)).toEqual(['changed']);
    s().setBulkRemoveIncluded(running.id, true);
    s().setBulkRemoveIncluded(changed.id, false);
    expect(containersToRemove(s().bulkRemove!).map((c) => c.name)).toEqual(['run']);
    s().setBulkRemoveIncluded(running.id, false);
    s().setBulkRemoveIncluded(changed.id, true);
    await s().confirmRemoveMany();
    // Only the ticked, stopped one, and without --force: it needs none.
    expect(transport.callsTo('containers.remove').map((c) => c.input)).toEqual([{ id: changed.id }]);
    expect(s().bulkRemove).toBeNull();
  });

  it('answers that arrive after the dialog closed are dropped, and no further checks start', async () => {
    const transport = new FakeTransport();
    const held = heldChanges(transport);
    const { s } = setup(transport);
    const cs = ids(6).map((id, i) => container({ id, name: `c${i}`, state: 'exited' }));
    s().askRemoveMany(cs);
    await flushPromises();
    s().cancelRemoveMany();
    await held.answer(cs[0]!.id, { ok: true, value: [] });
    expect(s().bulkRemove).toBeNull();
    expect(transport.callsTo('containers.changes')).toHaveLength(changesCheckConcurrency);
  });
});

describe('forEachLimited', () => {
  it('runs every item, never more than the limit at once, even when some fail', async () => {
    let running = 0;
    let most = 0;
    const done: number[] = [];
    await forEachLimited([1, 2, 3, 4, 5, 6, 7], 3, async (n) => {
      running++;
      most = Math.max(most, running);
      await new Promise((r) => setTimeout(r, n % 3));
      running--;
      if (n === 4) throw new Error('one fails');
      done.push(n);
    });
    expect(most).toBe(3);
    expect(done.sort()).toEqual([1, 2, 3, 5, 6, 7]);
    await forEachLimited([], 3, () => Promise.reject(new Error('never called')));
  });
});
