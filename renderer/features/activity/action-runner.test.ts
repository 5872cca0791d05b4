import { describe, expect, it } from 'vitest';
import { BerthClient } from '../../api/client.js';
import { FakeTransport } from '../../test-support/fake-transport.js';
import { createActionRunner } from './action-runner.js';
import { activityLimit, createActivityStore, selectOpenErrors, selectUserActions } from './activity-store.js';

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

  it('keeps the session history, bounded', () => {
    const activity = createActivityStore();
    for (let i = 0; i < 100; i++) activity.getState().begin(`docker start c${i}`);
    expect(activity.getState().entries).toHaveLength(100);
    for (let i = 100; i < activityLimit + 50; i++) activity.getState().begin(`docker start c${i}`);
    expect(activity.getState().entries).toHaveLength(activityLimit);
    expect(activity.getState().entries.at(-1)?.command).toBe(`docker start c${activityLimit + 49}`);
  });

  it('marks background reads: kept in the history, out of the strip, never a toast', async () => {
    const transport = new FakeTransport().fail('containers.changes', { code: 'NOT_FOUND', message: 'No such container: web' });
    const activity = createActivityStore();
    const run = createActionRunner(new BerthClient(transport), activity);
    await expect(run('containers.changes', { id: 'web' }, { background: true })).rejects.toThrow('No such container');
    expect(activity.getState().entries).toMatchObject([{ command: 'docker diff web', outcome: 'error', background: true }]);
    expect(selectUserActions(activity.getState())).toEqual([]);
    expect(selectOpenErrors(activity.getState())).toEqual([]);
  });

  it('shows the command that really ran when the result says (sh where bash was missing)', async () => {
    const transport = new FakeTransport().reply('terminal.open', { sessionId: 'session-0001', shell: 'sh' });
    const activity = createActivityStore(Date.now, { commandTarget: () => ({ env: [], flags: ['--context', 'robot1'] }) });
    const run = createActionRunner(new BerthClient(transport), activity);
    const input = { containerId: 'abc', shell: 'auto' as const, cols: 80, rows: 24 };
    const running = run('terminal.open', input, {
      shownAs: { ...input, containerId: 'web' },
      shownAfter: (o) => ({ ...input, containerId: 'web', shell: o.shell === 'bash' ? 'bash' : 'sh' }),
    });
    expect(activity.getState().entries[0]?.command).toBe('docker --context robot1 exec -it web bash');
    await running;
    expect(activity.getState().entries[0]).toMatchObject({ command: 'docker --context robot1 exec -it web sh', outcome: 'ok' });
  });
});
