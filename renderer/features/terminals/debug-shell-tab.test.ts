import { describe, expect, it } from 'vitest';
import { BerthClient } from '../../api/client.js';
import { FakeTransport, flushPromises } from '../../test-support/fake-transport.js';
import { FakeSurface } from '../../test-support/fake-surface.js';
import { createActionRunner } from '../activity/action-runner.js';
import { createActivityStore } from '../activity/activity-store.js';
import { createTerminalsStore, tabTitle } from './terminals-store.js';

const target = { id: 'f'.repeat(64), name: 'lidar' };

function setup(transport: FakeTransport) {
  const client = new BerthClient(transport);
  const activity = createActivityStore();
  const terminals = createTerminalsStore({ client, run: createActionRunner(client, activity), createSurface: () => new FakeSurface() });
  return { terminals, activity };
}

describe('debug shell tabs', () => {
  it('open through terminal.debugShell with the toolbox image, shown as the docker run it equals', async () => {
    const transport = new FakeTransport().reply('terminal.debugShell', { sessionId: 'sess-0001-abcdef', shell: 'debug' });
    const { terminals, activity } = setup(transport);
    terminals.getState().openDebugShell(target, 'busybox:1.36');
    await flushPromises();
    expect(transport.callsTo('terminal.debugShell')[0]?.input).toEqual({
      containerId: target.id,
      image: 'busybox:1.36',
      cols: 80,
      rows: 24,
    });
    expect(tabTitle(terminals.getState().tabs[0]!)).toBe('lidar · debug');
    expect(activity.getState().entries[0]?.command).toBe(
      'docker run -it --rm --pid container:lidar --network container:lidar busybox:1.36 sh',
    );
  });

  it('say why the toolbox could not start', async () => {
    const transport = new FakeTransport().fail('terminal.debugShell', {
      code: 'NOT_FOUND',
      message: 'The toolbox image busybox is not on this engine',
    });
    const { terminals } = setup(transport);
    terminals.getState().openDebugShell(target, 'busybox');
    await flushPromises();
    expect(terminals.getState().tabs[0]).toMatchObject({
      status: 'failed',
      reason: 'Could not open a debug shell: The toolbox image busybox is not on this engine',
    });
  });
});
