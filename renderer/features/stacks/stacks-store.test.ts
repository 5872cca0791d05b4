import { describe, expect, it } from 'vitest';
import { BerthClient } from '../../api/client.js';
import { FakeTransport, flushPromises } from '../../test-support/fake-transport.js';
import { createActionRunner } from '../activity/action-runner.js';
import { createActivityStore } from '../activity/activity-store.js';
import { createStacksStore } from './stacks-store.js';

const stack = { project: 'shop', files: ['/srv/shop/compose.yaml'], profiles: [] };

async function setup() {
  const transport = new FakeTransport()
    .reply('compose.info', { program: 'docker-compose', version: '1.29.2' })
    .reply('compose.opened', [stack]);
  const client = new BerthClient(transport);
  const activity = createActivityStore();
  const store = createStacksStore({ client, run: createActionRunner(client, activity), activity });
  await store.getState().load();
  return { transport, activity, store };
}

describe('the stacks store', () => {
  it('a run keeps its output and what up changed, recorded as its command', async () => {
    const { transport, activity, store } = await setup();
    expect(store.getState().opened).toEqual([stack]);
    const done = store.getState().run(stack, { action: 'up' });
    expect(store.getState().runs.shop).toMatchObject({
      status: 'running',
      command: 'docker-compose -p shop -f /srv/shop/compose.yaml up -d',
    });
    transport.emit('compose.run', { t: 'output', stream: 'stderr', text: 'Recreating shop_web_1 ... done\n' });
    transport.emit('compose.run', { t: 'exit', code: 0, recreated: ['web'], created: [] });
    transport.end('compose.run');
    expect(await done).toMatchObject({ status: 'ok', output: 'Recreating shop_web_1 ... done\n', recreated: ['web'] });
    expect(activity.getState().entries[0]).toMatchObject({
      command: 'docker-compose -p shop -f /srv/shop/compose.yaml up -d',
      outcome: 'ok',
    });
  });

  it('a failed run keeps the reason; a cancelled one ends its stream and says so', async () => {
    const { transport, store } = await setup();
    const failed = store.getState().run(stack, { action: 'pull' });
    transport.emit('compose.run', { t: 'exit', code: 1 });
    transport.end('compose.run', { code: 'ENGINE_ERROR', message: 'docker-compose exited with code 1: manifest unknown' });
    expect(await failed).toMatchObject({ status: 'failed', error: 'docker-compose exited with code 1: manifest unknown' });

    const cancelled = store.getState().run(stack, { action: 'up' });
    expect(transport.openStreams('compose.run')).toHaveLength(1);
    store.getState().cancel('shop');
    expect(transport.openStreams('compose.run')).toHaveLength(0);
    expect(await cancelled).toMatchObject({ status: 'cancelled' });
  });

  it('without a Compose program, says so instead of running', async () => {
    const transport = new FakeTransport()
      .reply('compose.info', { program: null, missing: 'Install docker-compose' })
      .reply('compose.opened', []);
    const client = new BerthClient(transport);
    const activity = createActivityStore();
    const store = createStacksStore({ client, run: createActionRunner(client, activity), activity });
    await store.getState().load();
    await expect(store.getState().run(stack, { action: 'up' })).rejects.toThrow('Install docker-compose');
    await flushPromises();
    expect(transport.streams).toHaveLength(0);
  });

  it('a new stack from a Compose text is created, opened and selected, and the draft is done', async () => {
    const { transport, store } = await setup();
    const created = { project: 'driver', files: ['/srv/driver/compose.yaml'], profiles: [] };
    transport.reply('compose.create', { stack: created, description: { services: [], volumes: [] } });
    store.getState().setDraft({ text: 'services: {}\n', project: 'driver' });
    await store.getState().create({ folder: '/srv/driver', project: 'driver', text: 'services: {}\n' });
    expect(transport.calls.find((c) => c.name === 'compose.create')?.input).toEqual({
      program: 'docker-compose',
      folder: '/srv/driver',
      project: 'driver',
      text: 'services: {}\n',
    });
    expect(store.getState()).toMatchObject({ selected: 'driver', draft: undefined });
    expect(store.getState().opened).toContainEqual(created);
  });
});
