import { describe, expect, it } from 'vitest';
import { BerthClient } from '../../api/client.js';
import { FakeTransport, flushPromises } from '../../test-support/fake-transport.js';
import { createActionRunner } from '../activity/action-runner.js';
import { createActivityStore } from '../activity/activity-store.js';
import { createImagePruneStore } from './image-prune-store.js';
import { createImageAccountsStore, createImageActionsStore } from './image-tools-stores.js';

function setup(transport: FakeTransport) {
  const client = new BerthClient(transport);
  const activity = createActivityStore();
  return { client, activity, run: createActionRunner(client, activity) };
}

const preview = {
  images: [{ id: `sha256:${'1'.repeat(64)}`, repoTags: [], created: 1, size: 2000, reclaimable: 1500 }],
  spaceReclaimable: 1500,
  keptInUse: 1,
};

describe('prune store', () => {
  it('previews first, changes nothing until confirmed, then prunes', async () => {
    const transport = new FakeTransport()
      .reply('images.prunePreview', preview)
      .reply('images.prune', { untagged: [], deleted: ['sha256:1'], spaceReclaimed: 1500 });
    const { run, activity } = setup(transport);
    const prune = createImagePruneStore(run);
    const opening = prune.getState().open();
    expect(prune.getState().phase).toBe('loading');
    await opening;
    expect(prune.getState()).toMatchObject({ phase: 'preview', preview });
    expect(transport.callsTo('images.prune')).toHaveLength(0);
    await prune.getState().confirm();
    expect(prune.getState()).toMatchObject({ phase: 'done', result: { spaceReclaimed: 1500 } });
    expect(activity.getState().entries.map((e) => e.command)).toEqual([
      'docker images --filter dangling=true',
      'docker image prune --force',
    ]);
  });

  it('closing while the preview loads drops its answer; errors are kept', async () => {
    const transport = new FakeTransport().reply('images.prunePreview', preview);
    const prune = createImagePruneStore(setup(transport).run);
    const opening = prune.getState().open();
    prune.getState().close();
    await opening;
    expect(prune.getState()).toMatchObject({ phase: 'closed', preview: null });
    await prune.getState().confirm();
    expect(transport.callsTo('images.prune')).toHaveLength(0);

    const failing = createImagePruneStore(
      setup(new FakeTransport().fail('images.prunePreview', { code: 'ENGINE_UNAVAILABLE', message: 'engine down' })).run,
    );
    await failing.getState().open();
    expect(failing.getState()).toMatchObject({ phase: 'error', error: 'engine down' });
  });
});

describe('accounts store', () => {
  it('keeps a login error, never the password; lists accounts after a good login', async () => {
    let good = false;
    const transport = new FakeTransport()
      .handle('images.login', (input) => {
        const { password } = input as { password: string };
        good = password === 'berth-secret';
        return good
          ? { ok: true, value: { serverAddress: '127.0.0.1:5001', username: 'berth', status: 'Login Succeeded' } }
          : { ok: false, error: { code: 'UNAUTHORIZED', message: 'Wrong username or password for 127.0.0.1:5001 (user berth)' } };
      })
      .handle('images.accounts', () => ({
        ok: true,
        value: good ? [{ serverAddress: '127.0.0.1:5001', username: 'berth', source: 'berth', usable: true }] : [],
      }))
      .handle('images.credentialStorage', () => ({
        ok: true,
        value: { persistent: false, summary: 'Saved for this session only: no system keyring.' },
      }));
    const { run, client, activity } = setup(transport);
    const accounts = createImageAccountsStore(run, client);
    expect(await accounts.getState().login('127.0.0.1:5001', 'berth', 'nope')).toBe(false);
    expect(accounts.getState().loginError).toContain('Wrong username or password');
    expect(await accounts.getState().login('127.0.0.1:5001', 'berth', 'berth-secret')).toBe(true);
    expect(accounts.getState()).toMatchObject({
      loginError: null,
      accounts: [{ serverAddress: '127.0.0.1:5001', username: 'berth' }],
      storage: { persistent: false, summary: 'Saved for this session only: no system keyring.' },
    });
    expect(JSON.stringify(activity.getState().entries)).not.toContain('berth-secret');
    expect(JSON.stringify(accounts.getState())).not.toContain('berth-secret');
  });

  it('a failed push asks to log in to its registry: the request carries the address and a new seq each time', () => {
    const { run, client } = setup(new FakeTransport());
    const accounts = createImageAccountsStore(run, client);
    accounts.getState().requestLogin('127.0.0.1:5001');
    expect(accounts.getState().loginRequest).toEqual({ serverAddress: '127.0.0.1:5001', seq: 1 });
    accounts.getState().requestLogin('127.0.0.1:5001');
    expect(accounts.getState().loginRequest).toEqual({ serverAddress: '127.0.0.1:5001', seq: 2 });
  });
});

describe('image actions store', () => {
  it('asks before removing; on the engine’s refusal keeps its reason and removes with force when asked', async () => {
    let calls = 0;
    const transport = new FakeTransport().handle('images.remove', (input) => {
      calls++;
      return (input as { force?: boolean }).force
        ? { ok: true, value: { untagged: ['app:1'], deleted: [] } }
        : {
            ok: false,
            error: {
              code: 'CONFLICT',
              message:
                'conflict: unable to remove repository reference "app:1" (must force) - container 1234 is using its referenced image',
            },
          };
    });
    const { run, activity } = setup(transport);
    const actions = createImageActionsStore(run);
    actions.getState().askRemove('app:1', 'app:1');
    expect(calls).toBe(0);
    await actions.getState().confirmRemove(false);
    expect(actions.getState().remove).toMatchObject({ busy: false, refusal: expect.stringContaining('container 1234 is using') });
    await actions.getState().confirmRemove(true);
    expect(actions.getState().remove).toBeNull();
    expect(activity.getState().entries.map((e) => e.command)).toEqual(['docker rmi app:1', 'docker rmi --force app:1']);
  });

  it('tags through the runner and keeps a bad reference’s error in the dialog', async () => {
    // The real router rejects the reference; the fake does what it would.
    const transport = new FakeTransport().handle('images.tag', (input) =>
      (input as { target: string }).target.includes(' ')
        ? {
            ok: false,
            error: { code: 'BAD_REQUEST', message: 'Invalid image reference "Bad Name": An image reference cannot contain spaces' },
          }
        : { ok: true, value: null },
    );
    const { run } = setup(transport);
    const actions = createImageActionsStore(run);
    actions.getState().askTag('busybox:latest', 'busybox:latest');
    await actions.getState().confirmTag('Bad Name');
    expect(actions.getState().tag?.error).toMatch(/spaces|Invalid/);
    await actions.getState().confirmTag('127.0.0.1:5000/x/busybox:1');
    expect(actions.getState().tag).toBeNull();
    await flushPromises();
    expect(transport.callsTo('images.tag').at(-1)).toEqual({
      name: 'images.tag',
      input: { image: 'busybox:latest', target: '127.0.0.1:5000/x/busybox:1' },
    });
  });
});
