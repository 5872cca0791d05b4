import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toRpcError } from '../to-rpc-error.js';
import { fixtureImage, fixtureLabel, testDocker, waitFor } from '../../test-support/engine-fixtures.js';
import { EngineConnection } from '../engine-connection.js';
import { VolumesService } from './volumes-service.js';

const suffix = (): string => Math.random().toString(36).slice(2, 8);

describe('volumes against the real engine', () => {
  const connection = new EngineConnection({ id: 'test-volumes' });
  const volumes = new VolumesService(connection);
  const run = suffix();
  const made = new Set<string>();
  const containers: string[] = [];
  const labels = { [fixtureLabel]: 'true', 'berth.test-run': run };
  const name = (what: string): string => {
    const n = `berth-test-vol-${what}-${run}`;
    made.add(n);
    return n;
  };
  const mountIn = async (volume: string, containerName: string): Promise<string> => {
    const c = await testDocker.createContainer({
      name: containerName,
      Image: fixtureImage,
      Cmd: ['true'],
      Labels: { [fixtureLabel]: 'true' },
      HostConfig: { Mounts: [{ Type: 'volume', Source: volume, Target: '/data' }] },
    });
    containers.push(c.id);
    return c.id;
  };
  const exists = async (n: string): Promise<boolean> =>
    testDocker
      .getVolume(n)
      .inspect()
      .then(
        () => true,
        () => false,
      );

  beforeAll(async () => {
    await connection.connect();
  });

  afterAll(async () => {
    for (const id of containers)
      await testDocker
        .getContainer(id)
        .remove({ force: true })
        .catch(() => undefined);
    for (const n of made)
      await testDocker
        .getVolume(n)
        .remove()
        .catch(() => undefined);
    connection.close();
  });

  it('creates a volume with driver and labels, and says when the name was already there', async () => {
    const n = name('create');
    await expect(volumes.create({ name: n, driver: 'local', labels })).resolves.toEqual({ name: n, alreadyExisted: false });
    const inspected = await testDocker.getVolume(n).inspect();
    expect(inspected).toMatchObject({ Name: n, Driver: 'local', Labels: labels });
    await expect(volumes.create({ name: n, labels })).resolves.toEqual({ name: n, alreadyExisted: true });
  });

  it('lets the engine name a volume created without one (an anonymous 64-hex name)', async () => {
    const made1 = await volumes.create({ labels });
    made.add(made1.name);
    expect(made1).toMatchObject({ name: expect.stringMatching(/^[0-9a-f]{64}$/), alreadyExisted: false });
    expect((await volumes.list()).find((v) => v.name === made1.name)?.labels).toEqual(labels);
  });

  it('passes on the engine refusing an unknown driver for an existing name', async () => {
    const n = name('driver');
    await volumes.create({ name: n, labels });
    const err = await volumes.create({ name: n, driver: `berth-no-such-driver-${run}`, labels }).catch((e: unknown) => e);
    expect(toRpcError(err)).toMatchObject({ message: expect.stringMatching(/berth-no-such-driver/) });
  });

  it('lists volumes with the containers that mount them, running or not', async () => {
    const used = name('used');
    const spare = name('spare');
    await volumes.create({ name: used, labels });
    await volumes.create({ name: spare, labels });
    const containerName = `berth-test-vol-user-${run}`;
    const id = await mountIn(used, containerName);

    const listed = await volumes.list();
    const usedRow = listed.find((v) => v.name === used);
    expect(usedRow).toMatchObject({
      driver: 'local',
      scope: 'local',
      labels,
      usedBy: [{ id, name: containerName, state: 'created', destination: '/data', readOnly: false }],
    });
    expect(usedRow?.createdAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(usedRow?.mountpoint).toContain(used);
    expect(listed.find((v) => v.name === spare)?.usedBy).toEqual([]);
  });

  it('refuses to remove a volume a stopped container uses, with the engine’s reason, then removes it once the container is gone', async () => {
    const n = name('inuse');
    await volumes.create({ name: n, labels });
    const id = await mountIn(n, `berth-test-vol-holder-${run}`);

    const err = await volumes.remove(n).catch((e: unknown) => e);
    expect(toRpcError(err)).toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/volume is in use/) });
    const [many] = await volumes.removeMany([n]);
    expect(many).toMatchObject({ name: n, removed: false, reason: 'refused', code: 'CONFLICT', error: expect.stringContaining(id) });
    expect(await exists(n)).toBe(true);

    await testDocker.getContainer(id).remove();
    await volumes.remove(n);
    expect(await exists(n)).toBe(false);
    const gone = await volumes.remove(n).catch((e: unknown) => e);
    expect(toRpcError(gone).code).toBe('NOT_FOUND');
  });

  it('prune preview: unused volumes with the label, anonymous apart from named; prune removes the ticked ones', async () => {
    const pruneLabels = { ...labels, 'berth.test-prune': `${run}-a` };
    const unusedA = name('prune-a');
    const unusedB = name('prune-b');
    const kept = name('prune-kept');
    const other = name('prune-other');
    for (const n of [unusedA, unusedB, kept]) await volumes.create({ name: n, labels: pruneLabels });
    await volumes.create({ name: other, labels });
    const anonymous = (await volumes.create({ labels: pruneLabels })).name;
    made.add(anonymous);
    await mountIn(kept, `berth-test-vol-keeper-${run}`);

    const preview = await volumes.prunePreview(`berth.test-prune=${run}-a`);
    expect(preview.anonymous.map((v) => v.name)).toEqual([anonymous]);
    expect(preview.named.map((v) => v.name)).toEqual([unusedA, unusedB].sort());
    expect((await volumes.prunePreview('berth.test-prune')).named.map((v) => v.name)).not.toContain(other);
    expect((await volumes.prunePreview()).named.map((v) => v.name)).toContain(other);

    const ticked = [...preview.anonymous, ...preview.named.filter((v) => v.name === unusedA)];
    const results = await volumes.prune(ticked.map((v) => ({ name: v.name, createdAt: v.createdAt })));
    expect(results).toEqual([
      { name: anonymous, removed: true },
      { name: unusedA, removed: true },
    ]);
    expect(await exists(anonymous)).toBe(false);
    expect(await exists(unusedA)).toBe(false);
    expect(await exists(unusedB)).toBe(true);
    expect(await exists(kept)).toBe(true);
    expect(await exists(other)).toBe(true);
  });

  it('prune re-checks each volume: skips one made again under the same name, one a container took up, one already gone', async () => {
    const label = `berth.test-prune=${run}-b`;
    const pruneLabels = { ...labels, 'berth.test-prune': `${run}-b` };
    const recreated = name('recheck-recreated');
    const taken = name('recheck-taken');
    const gone = name('recheck-gone');
    const plain = name('recheck-plain');
    for (const n of [recreated, taken, gone, plain]) await volumes.create({ name: n, labels: pruneLabels });

    const preview = await volumes.prunePreview(label);
    expect(preview.named.map((v) => v.name).sort()).toEqual([gone, plain, recreated, taken].sort());

    // Meanwhile, in another shell: one removed and made again, one taken up by a new container, one
    // removed. The engine keeps creation times to the second: make it again until its time differs.
    const previewedAt = preview.named.find((v) => v.name === recreated)?.createdAt;
    expect(previewedAt).toEqual(expect.any(String));
    await waitFor(async () => {
      await testDocker.getVolume(recreated).remove();
      await testDocker.createVolume({ Name: recreated, Labels: pruneLabels });
      const made: unknown = await testDocker.getVolume(recreated).inspect();
      return (made as { CreatedAt?: string }).CreatedAt !== previewedAt ? true : undefined;
    }, 'the volume made again with another creation time');
    const holder = `berth-test-vol-taker-${run}`;
    await mountIn(taken, holder);
    await testDocker.getVolume(gone).remove();

    const results = await volumes.prune(preview.named.map((v) => ({ name: v.name, createdAt: v.createdAt })));
    const byName = new Map(results.map((r) => [r.name, r]));
    expect(byName.get(recreated)).toMatchObject({
      removed: false,
      reason: 'skipped',
      code: 'CONFLICT',
      error: expect.stringMatching(/Made again since the preview/),
    });
    expect(byName.get(taken)).toMatchObject({
      removed: false,
      reason: 'skipped',
      code: 'CONFLICT',
      error: expect.stringContaining(`Now used by ${holder} (created)`),
    });
    expect(byName.get(gone)).toMatchObject({ removed: false, reason: 'skipped', code: 'NOT_FOUND' });
    expect(byName.get(plain)).toEqual({ name: plain, removed: true });
    expect(await exists(recreated)).toBe(true);
    expect(await exists(taken)).toBe(true);
    expect(await exists(plain)).toBe(false);
  });

  it('bulk remove reports the engine refusing one and removes the rest', async () => {
    const a = name('many-a');
    const busy = name('many-busy');
    for (const n of [a, busy]) await volumes.create({ name: n, labels });
    await mountIn(busy, `berth-test-vol-busy-${run}`);
    const results = await volumes.removeMany([a, busy]);
    expect(results).toEqual([
      { name: a, removed: true },
      { name: busy, removed: false, reason: 'refused', code: 'CONFLICT', error: expect.stringMatching(/volume is in use/) },
    ]);
  });

  it('measures sizes only when asked, from system df', async () => {
    const n = name('size');
    await volumes.create({ name: n, labels });
    const id = (
      await testDocker.createContainer({
        Image: fixtureImage,
        Cmd: ['sh', '-c', 'head -c 300000 /dev/zero > /data/blob'],
        Labels: { [fixtureLabel]: 'true' },
        HostConfig: { Mounts: [{ Type: 'volume', Source: n, Target: '/data' }] },
      })
    ).id;
    containers.push(id);
    await testDocker.getContainer(id).start();
    await testDocker.getContainer(id).wait();
    const before = Date.now();
    const measured = await volumes.sizes();
    expect(measured.measuredAt).toBeGreaterThanOrEqual(before);
    expect(measured.sizes[n]).toBeGreaterThanOrEqual(300_000);
  });
});
