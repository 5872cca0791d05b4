import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EngineMap } from '../../../shared/engine-map-types.js';
import { fixtureImage, fixtureLabel, testDocker } from '../../test-support/engine-fixtures.js';
import { EngineConnection } from '../engine-connection.js';
import { collect, commitFromFixture, removeImagesLabelled, uniqueTag } from '../images/test-helpers.js';
import { EngineLiveModel } from '../live/engine-live-model.js';
import { EngineMapService } from './engine-map-service.js';
import { recentEvents } from './recent-events.js';

describe('the engine map against the real engine', () => {
  const connection = new EngineConnection({ id: 'test-engine-map' });
  const model = new EngineLiveModel(connection);
  const map = new EngineMapService(connection, model);
  const run = uniqueTag('map');
  const repo = 'berth-test/map';
  const containerName = `berth-test-map-${run}`;
  const ids: { one?: string; two?: string } = {};

  beforeAll(async () => {
    await connection.connect();
    model.start();
    ids.one = await commitFromFixture({ cmd: 'echo one > /one', repo, tag: `${run}-one`, labels: { 'berth.test-run': run } });
    ids.two = await commitFromFixture({ cmd: 'echo two > /two', repo, tag: `${run}-two`, labels: { 'berth.test-run': run } });
  });

  afterAll(async () => {
    await testDocker
      .getContainer(containerName)
      .remove({ force: true })
      .catch(() => undefined);
    await removeImagesLabelled(`berth.test-run=${run}`);
    map.close();
    model.close();
    connection.close();
  });

  it('describes the base two images share once, each image holding it under its own top layer', async () => {
    const snapshot = await map.snapshot();
    expect(snapshot.live).toBe(true);
    const one = snapshot.images.find((i) => i.id === ids.one);
    const two = snapshot.images.find((i) => i.id === ids.two);
    const base = snapshot.images.find((i) => i.tags.includes(fixtureImage));
    expect(one && two && base).toBeTruthy();
    expect(one!.chain).toHaveLength(base!.chain.length + 1);
    expect(one!.chain.slice(0, -1)).toEqual(base!.chain);
    expect(two!.chain.slice(0, -1)).toEqual(base!.chain);
    expect(one!.chain.at(-1)).not.toBe(two!.chain.at(-1));
    // Each chain ID once in the layer list, however many images hold it.
    const listed = snapshot.layers.map((l) => l.chainId);
    expect(new Set(listed).size).toBe(listed.length);
    for (const chainId of [...base!.chain, one!.chain.at(-1), two!.chain.at(-1)]) expect(listed).toContain(chainId);
    expect(snapshot.layers.find((l) => l.chainId === one!.chain.at(-1))?.createdBy).toContain('echo one > /one');
  });

  it("lists a container's changed file in its writable layer; a commit adds its image with one more layer, a remove takes it away", async () => {
    const watch = collect<EngineMap>();
    const close = map.watch(watch.sink);
    try {
      await watch.first((m) => m.live && m.images.some((i) => i.id === ids.one));
      const container = await testDocker.createContainer({
        name: containerName,
        Image: `${repo}:${run}-one`,
        Cmd: ['sh', '-c', 'mkdir -p /lab && echo hi > /lab/note.txt'],
        Labels: { [fixtureLabel]: 'true' },
      });
      await container.start();
      await container.wait();
      const seen = await watch.first((m) => m.containers.some((c) => c.name === containerName && c.state === 'exited'));
      expect(seen.containers.find((c) => c.name === containerName)?.imageId).toBe(ids.one);

      const layer = await map.writableLayer(container.id, 10);
      expect(layer.changes[0]).toEqual({ path: '/lab/note.txt', kind: 'added' });
      expect(layer.total).toBe(2);

      const committed = (await container.commit({ repo, tag: `${run}-snap`, changes: [`LABEL berth.test-run=${run}`] })) as { Id: string };
      const after = await watch.first((m) => m.images.some((i) => i.id === committed.Id && i.chain.length > 0));
      const snap = after.images.find((i) => i.id === committed.Id)!;
      const parent = after.images.find((i) => i.id === ids.one)!;
      expect(snap.chain.slice(0, -1)).toEqual(parent.chain);
      expect(snap.committedFrom).toEqual({ containerId: container.id, containerName });

      await container.remove();
      await testDocker.getImage(committed.Id).remove();
      const gone = await watch.first((m) => !m.images.some((i) => i.id === committed.Id));
      expect(gone.containers.some((c) => c.name === containerName)).toBe(false);
    } finally {
      close();
    }
  });

  it('says why when the container is not there', async () => {
    await expect(map.writableLayer(`berth-test-map-missing-${run}`, 5)).rejects.toThrow(/No such container/);
  });

  it("reads the engine's recent past: a container made and removed a moment ago", async () => {
    const container = await testDocker.createContainer({
      name: `${containerName}-past`,
      Image: fixtureImage,
      Labels: { [fixtureLabel]: 'true' },
    });
    await container.remove();
    const past = await recentEvents(connection, 60);
    const ours = past.filter((e) => e.id === container.id).map((e) => e.action);
    expect(ours).toEqual(['create', 'destroy']);
  });
});
