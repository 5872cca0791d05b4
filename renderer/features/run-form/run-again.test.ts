import { describe, expect, it } from 'vitest';
import { emptyRunSpec, type RunSpec } from '../../../shared/run-spec.js';
import { BerthClient } from '../../api/client.js';
import { FakeTransport } from '../../test-support/fake-transport.js';
import { createActionRunner } from '../activity/action-runner.js';
import { createActivityStore } from '../activity/activity-store.js';
import { noTerminal } from './run-form-test-support.js';
import { createRunFormStore, selectCommandLine } from './run-form-store.js';

function setup(transport: FakeTransport) {
  const activity = createActivityStore();
  const form = createRunFormStore({ run: createActionRunner(new BerthClient(transport), activity), ...noTerminal });
  return { form, activity, s: () => form.getState() };
}

const spec: RunSpec = {
  ...emptyRunSpec('ros:humble'),
  name: 'talker',
  command: ['ros2', 'run', 'demo_nodes_cpp', 'talker'],
  network: 'host',
  ipc: 'host',
  devices: [{ hostPath: '/dev/ttyUSB0' }],
  shmSize: 1024 ** 3,
  capAdd: ['SYS_NICE'],
  restart: 'unless-stopped',
};

describe('Run again in the run form', () => {
  it('opens the form with every setting of the container and says what it could not carry', async () => {
    const transport = new FakeTransport().reply('containers.runSpec', { spec, notCarried: ['--read-only'], imageFound: true });
    const { s, activity } = setup(transport);
    expect(await s().runAgain({ id: 'abc', name: 'talker' })).toBeUndefined();
    expect(s().open).toBe(true);
    expect(s().origin).toEqual({ name: 'talker', notCarried: ['--read-only'], imageFound: true });
    expect(selectCommandLine(s())).toBe(
      'docker run --detach --name talker --restart unless-stopped --network host --ipc host --device /dev/ttyUSB0 --cap-add SYS_NICE --shm-size 1g ros:humble ros2 run demo_nodes_cpp talker',
    );
    expect(activity.getState().entries.at(-1)?.command).toBe('docker inspect talker');
    s().reset();
    expect(s().origin).toBeNull();
  });

  it('leaves the form closed and says why when the container cannot be read', async () => {
    const transport = new FakeTransport().fail('containers.runSpec', { code: 'NOT_FOUND', message: 'No such container: gone' });
    const { s } = setup(transport);
    expect(await s().runAgain({ id: 'gone', name: 'gone' })).toBe("Could not read gone's settings: No such container: gone");
    expect(s().open).toBe(false);
  });
});
