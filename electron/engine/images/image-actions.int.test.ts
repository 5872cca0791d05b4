import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toRpcError } from '../to-rpc-error.js';
import { fixtureImage, fixtureLabel, testDocker } from '../../test-support/engine-fixtures.js';
import { EngineConnection } from '../engine-connection.js';
import { createImageServices } from './image-services.js';
import { commitFromFixture, removeImages, removeImagesLabelled, uniqueTag } from './test-helpers.js';

describe('tag, untag, remove and prune against the real engine', () => {
  const connection = new EngineConnection({ id: 'test-image-actions' });
  const images = createImageServices(connection, { dockerConfigPath: '/nonexistent/berth/config.json' });
  const run = uniqueTag('a');
  const runLabel = `berth.test-run=${run}`;
  const refs = new Set<string>();
  const containers: string[] = [];

  beforeAll(async () => {
    await connection.connect();
  });

  afterAll(async () => {
    for (const id of containers)
      await testDocker
        .getContainer(id)
        .remove({ force: true })
        .catch(() => undefined);
    await removeImages(refs);
    await removeImagesLabelled(runLabel);
    connection.close();
  });

  it('tags and untags, keeping the image while another tag holds it', async () => {
    const ref = `berth-test/actions:${run}`;
    refs.add(ref);
    await images.actions.tag(fixtureImage, ref);
    const fixtureId = (await testDocker.getImage(fixtureImage).inspect()).Id;
    expect((await testDocker.getImage(ref).inspect()).Id).toBe(fixtureId);
    await expect(images.actions.untag(ref)).resolves.toEqual({ untagged: [ref], deleted: [] });
    await expect(testDocker.getImage(fixtureImage).inspect()).resolves.toBeTruthy();
  });

  it('says NOT_FOUND for an image that is not there', async () => {
    const err = await images.actions.untag(`berth-test/actions:${run}-missing`).catch((e: unknown) => e);
    expect(toRpcError(err)).toMatchObject({ code: 'NOT_FOUND', message: expect.stringMatching(/No such image/) });
    const err2 = await images.actions.remove(`berth-test/actions:${run}-missing`, {}).catch((e: unknown) => e);
    expect(toRpcError(err2).code).toBe('NOT_FOUND');
    const err3 = await images.actions.tag(`berth-test/actions:${run}-missing`, `berth-test/actions:${run}-x`).catch((e: unknown) => e);
    expect(toRpcError(err3).code).toBe('NOT_FOUND');
  });

  it('refuses to remove an image a container uses (CONFLICT with the reason), until forced', async () => {
    const ref = `berth-test/actions:${run}-used`;
    refs.add(ref);
    const id = await commitFromFixture({
      cmd: 'echo used > /used',
      repo: 'berth-test/actions',
      tag: `${run}-used`,
      labels: { 'berth.test-run': run },
    });
    const container = await testDocker.createContainer({ Image: ref, Cmd: ['true'], Labels: { [fixtureLabel]: 'true' } });
    containers.push(container.id);

    const err = await images.actions.remove(ref, {}).catch((e: unknown) => e);
    expect(toRpcError(err)).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/container .* is using its referenced image/),
    });

    const forced = await images.actions.remove(ref, { force: true });
    // Forced, the engine removes it even though a stopped container was made from it.
    expect(forced).toEqual({ untagged: [ref], deleted: expect.arrayContaining([id]) });
    await expect(testDocker.getImage(id).inspect()).rejects.toMatchObject({ statusCode: 404 });
  });

  it('does not count a dangling image a container uses as something prune removes', async () => {
    const id = await commitFromFixture({ cmd: 'echo kept > /kept', labels: { 'berth.test-run': run, 'berth.test-kept': run } });
    const container = await testDocker.createContainer({ Image: id, Cmd: ['true'], Labels: { [fixtureLabel]: 'true' } });
    containers.push(container.id);
    const preview = await images.actions.prunePreview({ label: `berth.test-kept=${run}` });
    expect(preview).toEqual({ images: [], spaceReclaimable: 0, keptInUse: 1 });
  });

  it('previews a prune (what goes, how much comes back), then prunes only what matched', async () => {
    const dangling = await commitFromFixture({
      cmd: 'head -c 200000 /dev/urandom > /junk',
      labels: { 'berth.test-run': run, 'berth.test-prune': run },
    });
    const mine = `berth.test-prune=${run}`;

    const everywhere = await images.actions.prunePreview({});
    const listed = everywhere.images.find((i) => i.id === dangling);
    expect(listed).toMatchObject({ repoTags: [], created: expect.any(Number) });
    // Only its own layer comes back: the fixture's layers stay with the fixture.
    expect(listed?.reclaimable).toBeGreaterThanOrEqual(200_000);
    expect(listed?.reclaimable).toBeLessThan(listed?.size ?? 0);
    expect(everywhere.spaceReclaimable).toBeGreaterThanOrEqual(listed?.reclaimable ?? 0);
    // The preview changed nothing.
    await expect(testDocker.getImage(dangling).inspect()).resolves.toBeTruthy();

    const narrowed = await images.actions.prunePreview({ label: mine });
    expect(narrowed.images.map((i) => i.id)).toEqual([dangling]);
    expect(narrowed.spaceReclaimable).toBe(listed?.reclaimable);

    const pruned = await images.actions.prune({ label: mine });
    expect(pruned.deleted).toContain(dangling);
    expect(pruned.spaceReclaimed).toBeGreaterThanOrEqual(200_000);
    await expect(testDocker.getImage(dangling).inspect()).rejects.toMatchObject({ statusCode: 404 });
  });
});
