import { describe, expect, it } from 'vitest';
import { BerthClient } from '../../api/client.js';
import { FakeTransport } from '../../test-support/fake-transport.js';
import { createActionRunner } from './action-runner.js';
import { createActivityStore, selectOpenErrors } from './activity-store.js';

describe('action runner', () => {
  it('records the docker command and its success', async () => {
    const transport = new FakeTransport().reply('containers.stop', null);
    const activity = createActivityStore();
    const run = createActionRunner(new BerthClient(transport), activity);
    await run('containers.stop', { id: 'abc123' }, { shownAs: { id: 'web' } });
    expect(transport.callsTo('containers.stop')[0]?.input).toEqual({ id: 'abc123' });
    const [entry] = activity.getState().entries;
    expect(entry).toMatchObject({ command: 'docker stop web', outcome: 'ok', detail: 'done' });
  });

  it('records the engine error, rethrows it and keeps it until dismissed', async () => {
    const transport = new FakeTransport().fail('containers.start', { code: 'CONFLICT', message: 'container is already running' });
    const activity = createActivityStore();
    const run = createActionRunner(new BerthClient(transport), activity);
    await expect(run('containers.start', { id: 'web' })).rejects.toThrow('container is already running');
    const errors = selectOpenErrors(activity.getState());
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ command: 'docker start web', errorCode: 'CONFLICT' });
    activity.getState().dismiss(errors[0]!.id);
    expect(selectOpenErrors(activity.getState())).toHaveLength(0);
  });

  it('keeps a bounded history', () => {
    const activity = createActivityStore();
    for (let i = 0; i < 100; i++) activity.getState().begin(`docker start c${i}`);
    expect(activity.getState().entries.length).toBeLessThanOrEqual(30);
    expect(activity.getState().entries.at(-1)?.command).toBe('docker start c99');
  });
});
