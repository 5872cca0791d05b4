import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toRpcError } from '../to-rpc-error.js';
import { fixtureImage, fixtureLabel, testDocker } from '../../test-support/engine-fixtures.js';
import { EngineConnection } from '../engine-connection.js';
import { createImageServices } from './image-services.js';
import { commitFromFixture, removeImages, removeImagesLabelled, uniqueTag } from './test-helpers.js';

describe('understanding an image against the real engine', () => {
  const connection = new EngineConnection({ id: 'test-image-insight' });
  const images = createImageServices(connection, { dockerConfigPath: '/nonexistent/berth/config.json' });
  const run = uniqueTag('i');
  const child = `berth-test/insight:${run}`;
  const pruned = `berth-test/insight:${run}-rm`;
  const containers: string[] = [];

  beforeAll(async () => {
    await connection.connect();
    await commitFromFixture({
      cmd: 'head -c 50000 /dev/urandom > /blob',
      repo: 'berth-test/insight',
      tag: run,
      labels: { 'berth.test-run': run },
    });
    await commitFromFixture({
      cmd: 'rm /bin/ls && mkdir -p /etc/berth && echo hi > /etc/berth/hello',
      repo: 'berth-test/insight',
      tag: `${run}-rm`,
      labels: { 'berth.test-run': run },
    });
  });

  afterAll(async () => {
    for (const id of containers)
      await testDocker
        .getContainer(id)
        .remove({ force: true })
        .catch(() => undefined);
    await removeImages([child, pruned]);
    await removeImagesLabelled(`berth.test-run=${run}`);
    connection.close();
  });

  it('summarises the inspect document', async () => {
    const { summary, document } = await images.insight.inspect(fixtureImage);
    expect(summary).toMatchObject({
      repoTags: expect.arrayContaining([fixtureImage]),
      cmd: ['sh'],
      entrypoint: [],
      labels: { [fixtureLabel]: 'true' },
      os: 'linux',
      layers: 2,
    });
    expect(summary.architecture).not.toBe('');
    expect((document as { Id: string }).Id).toBe(summary.id);
  });

  it("shows the fixture's history with each step's instruction, size and layer", async () => {
    const history = await images.insight.history(fixtureImage);
    expect(history.entries.map((e) => e.instruction)).toEqual([
      'CMD ["sh"]',
      `LABEL ${fixtureLabel}=true`,
      expect.stringContaining('busybox --install'),
      expect.stringMatching(/^COPY file:[0-9a-f]+ in \/bin\/busybox/),
    ]);
    const withLayers = history.entries.filter((e) => e.diffId !== null);
    expect(withLayers.map((e) => e.size > 0)).toEqual([true, true]);
    expect(history.totalSize).toBe((await testDocker.getImage(fixtureImage).inspect()).Size);
    expect(history.entries[0]?.tags).toContain(fixtureImage);
  });

  it('finds the layers an image shares with other local images, and its unique size', async () => {
    const history = await images.insight.history(child);
    const [own, ...rest] = history.entries.filter((e) => e.diffId !== null);
    expect(own?.sharedWith).toEqual([]);
    expect(own?.size).toBeGreaterThanOrEqual(50_000);
    for (const entry of rest) expect(entry.sharedWith).toContain(fixtureImage);
    expect(history.uniqueSize).toBe(own?.size);
    expect(history.sharedSize).toBe(history.totalSize - (own?.size ?? 0));

    const fixture = await images.insight.history(fixtureImage);
    expect(fixture.entries.filter((e) => e.diffId !== null).every((e) => e.sharedWith.includes(child))).toBe(true);
  });

  it('relates an image to its base, its children and its containers', async () => {
    const container = await testDocker.createContainer({ Image: child, Cmd: ['true'], Labels: { [fixtureLabel]: 'true' } });
    containers.push(container.id);
    const ofChild = await images.insight.relations(child);
    expect(ofChild.containers).toEqual([{ id: container.id, name: expect.any(String), state: 'created' }]);
    expect(ofChild.bases.flatMap((b) => b.repoTags)).toContain(fixtureImage);
    expect(ofChild.children).toEqual([]);
    const ofFixture = await images.insight.relations(fixtureImage);
    expect(ofFixture.children.flatMap((c) => c.repoTags)).toEqual(expect.arrayContaining([child, pruned]));
  });

  it('lists the files a layer added, changed and removed, from the save archive', async () => {
    const history = await images.insight.history(pruned);
    const top = history.entries.find((e) => e.diffId !== null);
    const listing = await images.insight.layerFiles(pruned, top?.diffId ?? '');
    const byPath = new Map(listing.files.map((f) => [f.path, f]));
    expect(byPath.get('bin/ls')).toMatchObject({ change: 'removed', type: 'symlink' });
    expect(byPath.get('etc/berth/hello')).toMatchObject({ change: 'added', type: 'file', size: 3 });
    expect(byPath.get('bin')).toMatchObject({ change: 'changed', type: 'directory' });
    expect(listing.truncated).toBe(false);

    const fixtureLayers = (await testDocker.getImage(fixtureImage).inspect()).RootFS.Layers ?? [];
    const base = await images.insight.layerFiles(fixtureImage, fixtureLayers[0] ?? '', 5);
    expect(base.files.map((f) => f.path)).toContain('bin/busybox');
    const err = await images.insight.layerFiles(fixtureImage, `sha256:${'0'.repeat(64)}`).catch((e: unknown) => e);
    expect(toRpcError(err)).toMatchObject({ code: 'NOT_FOUND', path: ['diffId'] });
  });
});
