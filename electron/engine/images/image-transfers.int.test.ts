import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PullMessage, PushMessage } from '../../../shared/image-types.js';
import { fixtureImage, testDocker } from '../../test-support/engine-fixtures.js';
import { toRpcError } from '../to-rpc-error.js';
import { EngineConnection } from '../engine-connection.js';
import { createImageServices } from './image-services.js';
import { collect, imageWithRandomLayer, removeImages, runToEnd, uniqueTag } from './test-helpers.js';
import { startThrottledProxy } from './testing/throttled-proxy.js';

const open = '127.0.0.1:5000';
const authed = '127.0.0.1:5001';

describe('pull and push against the local registries', () => {
  const connection = new EngineConnection({ id: 'test-image-transfers' });
  // No ~/.docker/config.json here: only what the test logs in with.
  const images = createImageServices(connection, { dockerConfigPath: '/nonexistent/berth/config.json' });
  const made = new Set<string>();
  const tag = uniqueTag('t');
  const fixtureRef = `${open}/berth-test/busybox:${tag}`;
  const bigRef = `${open}/berth-test/busybox:${tag}-big`;

  const pull = (reference: string): Promise<{ messages: PullMessage[]; error?: unknown }> =>
    runToEnd<PullMessage>((sink) => images.transfers.pull(reference, sink));
  const push = (reference: string): Promise<{ messages: PushMessage[]; error?: unknown }> =>
    runToEnd<PushMessage>((sink) => images.transfers.push(reference, sink));

  beforeAll(async () => {
    await connection.connect();
  });

  afterAll(async () => {
    await removeImages(made);
    connection.close();
  });

  it('pushes the fixture with per-layer progress and a digest', async () => {
    await images.actions.tag(fixtureImage, fixtureRef);
    made.add(fixtureRef);
    const { messages, error } = await push(fixtureRef);
    expect(error).toBeUndefined();
    const done = messages.at(-1);
    expect(done).toMatchObject({ type: 'done', reference: fixtureRef, digest: expect.stringMatching(/^sha256:/) });
    const last = messages.filter((m) => m.type === 'progress').at(-1);
    expect(last?.type === 'progress' && last.layers.length).toBe(2);
    expect(last?.type === 'progress' && last.layers.every((l) => ['complete', 'already-exists', 'mounted'].includes(l.phase))).toBe(true);
    expect(last?.type === 'progress' && last.overall.layersDone).toBe(2);
  });

  it('removes an image locally and pulls it back with per-layer progress', async () => {
    await imageWithRandomLayer(`${open}/berth-test/busybox`, `${tag}-big`, 400_000, { 'berth.test-fixture': 'true' });
    made.add(bigRef);
    expect((await push(bigRef)).error).toBeUndefined();
    const removed = await images.actions.remove(bigRef, {});
    expect(removed.deleted.length).toBeGreaterThan(0);

    const { messages, error } = await pull(bigRef);
    expect(error).toBeUndefined();
    const progress = messages.filter((m): m is Extract<PullMessage, { type: 'progress' }> => m.type === 'progress');
    expect(progress.length).toBeGreaterThan(0);
    const final = progress.at(-1);
    // Two layers come from the fixture (already here); the new one is downloaded and extracted.
    expect(final?.layers.map((l) => l.phase).sort()).toEqual(['already-exists', 'already-exists', 'complete']);
    expect(final?.overall).toMatchObject({ layersDone: 3, layersTotal: 3, fraction: 1 });
    expect(final?.overall.bytesTotal).toBeGreaterThan(300_000);
    const done = messages.at(-1);
    expect(done).toMatchObject({ type: 'done', reference: bigRef, upToDate: false, imageId: expect.stringMatching(/^sha256:/) });
    // Pulling again changes nothing, and says so.
    expect((await pull(bigRef)).messages.at(-1)).toMatchObject({ type: 'done', upToDate: true });
  });

  it('runs several pulls at once', async () => {
    await removeImages([bigRef]);
    const copy = `${open}/berth-test/busybox:${tag}-copy`;
    await testDocker.getImage(fixtureRef).tag({ repo: `${open}/berth-test/busybox`, tag: `${tag}-copy` });
    made.add(copy);
    expect((await push(copy)).error).toBeUndefined();
    await removeImages([copy]);
    const results = await Promise.all([pull(bigRef), pull(copy)]);
    for (const r of results) expect(r.messages.at(-1)?.type).toBe('done');
    await expect(testDocker.getImage(copy).inspect()).resolves.toBeTruthy();
  });

  it('cancelling a pull aborts the download and leaves no image', async () => {
    const slowRef = `${open}/berth-test/busybox:${tag}-slow`;
    await imageWithRandomLayer(`${open}/berth-test/busybox`, `${tag}-slow`, 3_000_000, { 'berth.test-fixture': 'true' });
    made.add(slowRef);
    expect((await push(slowRef)).error).toBeUndefined();
    await removeImages([slowRef]);

    const proxy = await startThrottledProxy({ targetPort: 5000, bytesPerSecond: 256 * 1024 });
    const viaProxy = `127.0.0.1:${proxy.port}/berth-test/busybox:${tag}-slow`;
    made.add(viaProxy);
    try {
      const c = collect<PullMessage>();
      const close = images.transfers.pull(viaProxy, c.sink);
      await c.first((m) => m.type === 'progress' && m.layers.some((l) => l.phase === 'downloading' && (l.current ?? 0) > 0));
      close();
      // The engine drops the registry connection once our request is gone.
      const deadline = Date.now() + 10_000;
      while (proxy.openConnections() > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      expect(proxy.openConnections()).toBe(0);
      await expect(testDocker.getImage(viaProxy).inspect()).rejects.toMatchObject({ statusCode: 404 });
      expect(c.messages.some((m) => m.type === 'done')).toBe(false);
    } finally {
      await proxy.close();
    }
  });

  it('says clearly when an image or a registry is not there', async () => {
    const unknown = await pull(`${open}/berth-test/does-not-exist:${tag}`);
    expect(unknown.messages.at(-1)).toMatchObject({ type: 'failed', error: { code: 'NOT_FOUND', reason: 'not-found' } });
    expect(toRpcError(unknown.error)).toMatchObject({ code: 'NOT_FOUND' });

    const unreachable = await pull(`127.0.0.1:5999/berth-test/busybox:${tag}`);
    expect(unreachable.messages.at(-1)).toMatchObject({
      type: 'failed',
      error: {
        code: 'ENGINE_ERROR',
        reason: 'unreachable',
        message: expect.stringMatching(/^Cannot reach the registry 127\.0\.0\.1:5999: .*connection refused/),
      },
    });

    const notLocal = await push(`${open}/berth-test/not-here:${tag}`);
    expect(notLocal.messages.at(-1)).toMatchObject({ type: 'failed', error: { code: 'NOT_FOUND', reason: 'not-found' } });
  });

  it('needs a login to push to the authenticated registry, checks it, and uses it', async () => {
    const securedRef = `${authed}/berth-test/busybox:${tag}`;
    await images.actions.tag(fixtureImage, securedRef);
    made.add(securedRef);

    const anonymous = await push(securedRef);
    expect(anonymous.messages.at(-1)).toMatchObject({
      type: 'failed',
      error: {
        code: 'UNAUTHORIZED',
        reason: 'unauthorized',
        message: expect.stringMatching(/needs a login to push .*log in to 127\.0\.0\.1:5001 first/),
      },
    });

    await expect(images.accounts.login(authed, 'berth', 'wrong-password')).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
      message: 'Wrong username or password for 127.0.0.1:5001 (user berth)',
    });
    expect(await images.accounts.list()).toEqual([]);

    await expect(images.accounts.login(`http://${authed}/`, 'berth', 'berth-secret')).resolves.toEqual({
      serverAddress: authed,
      username: 'berth',
      status: 'Login Succeeded',
    });
    const accounts = await images.accounts.list();
    expect(accounts).toEqual([{ serverAddress: authed, username: 'berth', source: 'berth', usable: true }]);
    expect(JSON.stringify(accounts)).not.toContain('berth-secret');

    const withLogin = await push(securedRef);
    expect(withLogin.error).toBeUndefined();
    expect(withLogin.messages.at(-1)).toMatchObject({ type: 'done', digest: expect.stringMatching(/^sha256:/) });

    await removeImages([securedRef]);
    expect((await pull(securedRef)).messages.at(-1)?.type).toBe('done');

    expect(await images.accounts.logout(authed)).toEqual({ serverAddress: authed, forgotten: true });
    await removeImages([securedRef]);
    const afterLogout = await pull(securedRef);
    expect(afterLogout.messages.at(-1)).toMatchObject({ type: 'failed', error: { code: 'UNAUTHORIZED', reason: 'unauthorized' } });
  });

  it("uses the credentials of the docker CLI's config.json", async () => {
    const securedRef = `${authed}/berth-test/busybox:${tag}-cli`;
    const dir = mkdtempSync(join(tmpdir(), 'berth-docker-config-'));
    try {
      writeFileSync(
        join(dir, 'config.json'),
        JSON.stringify({ auths: { [`https://${authed}`]: { auth: Buffer.from('berth:berth-secret').toString('base64') } } }),
      );
      const withCli = createImageServices(connection, { dockerConfigPath: join(dir, 'config.json') });
      expect(await withCli.accounts.list()).toEqual([{ serverAddress: authed, username: 'berth', source: 'docker-config', usable: true }]);
      await images.actions.tag(fixtureImage, securedRef);
      made.add(securedRef);
      const c = collect<PushMessage>();
      withCli.transfers.push(securedRef, c.sink);
      expect((await c.ended).error).toBeUndefined();
      expect(c.messages.at(-1)?.type).toBe('done');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
