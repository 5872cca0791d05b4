import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toRpcError } from '../../rpc/to-rpc-error.js';
import { fixtureImage, fixtureLabel, testDocker } from '../../test-support/engine-fixtures.js';
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
    testDocker.getVolume(n).inspect().then(
      () => true,
      () => false,
    );

  beforeAll(async () => {
    await connection.connect();
  });

  afterAll(async () => {
    for (const id of containers) await testDocker.getContainer(id).remove({ force: true }).catch(() => undefined);
    for (const n of made) await testDocker.getVolume(n).remove().catch(() => undefined);
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
    expect(usedRow).toMatchObject({ driver: 'local', scope: 'local', labels, usedBy: [{ id, name: containerName, state: 'created', destination: '/data', readOnly: false }] });
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
    expect(many).toMatchObject({ name: n, removed: false, code: 'CONFLICT', error: expect.stringContaining(id) });
    expect(await exists(n)).toBe(true);

    await testDocker.getContainer(id).remove();
    await volumes.remove(n);
    expect(await exists(n)).toBe(false);
    const gone = await volumes.remove(n).catch((e: unknown) => e);
    expect(toRpcError(gone).code).toBe('NOT_FOUND');
  });

  it('prune by preview: removes exactly the previewed unused volumes, and reports one that became used meanwhile', async () => {
    const unusedA = name('prune-a');
    const unusedB = name('prune-b');
    const kept = name('prune-kept');
    const late = name('prune-late');
    for (const n of [unusedA, unusedB, kept, late]) await volumes.create({ name: n, labels });
    await mountIn(kept, `berth-test-vol-keeper-${run}`);

    const preview = (await volumes.prunePreview()).map((v) => v.name);
    expect(preview).toEqual(expect.arrayContaining([unusedA, unusedB, late]));
    expect(preview).not.toContain(kept);

    // A container starts using one after the preview: the engine refuses that one, the others go.
    await mountIn(late, `berth-test-vol-late-${run}`);
    // Remove only this test's volumes from the preview: other tests share this engine.
    const ours = preview.filter((n) => [unusedA, unusedB, late].includes(n));
    const results = await volumes.removeMany(ours);
    expect(results.find((r) => r.name === late)).toMatchObject({ removed: false, code: 'CONFLICT' });
    expect(results.filter((r) => r.removed).map((r) => r.name).sort()).toEqual([unusedA, unusedB].sort());
    expect(await exists(unusedA)).toBe(false);
    expect(await exists(unusedB)).toBe(false);
    expect(await exists(kept)).toBe(true);
    expect(await exists(late)).toBe(true);
  });

  it('measures sizes only when asked, from system df', async () => {
    const n = name('size');
    await volumes.create({ name: n, labels });
    const id = (await testDocker.createContainer({
      Image: fixtureImage,
      Cmd: ['sh', '-c', 'head -c 300000 /dev/zero > /data/blob'],
      Labels: { [fixtureLabel]: 'true' },
      HostConfig: { Mounts: [{ Type: 'volume', Source: n, Target: '/data' }] },
    })).id;
    containers.push(id);
    await testDocker.getContainer(id).start();
    await testDocker.getContainer(id).wait();
    const before = Date.now();
    const measured = await volumes.sizes();
    expect(measured.measuredAt).toBeGreaterThanOrEqual(before);
    expect(measured.sizes[n]).toBeGreaterThanOrEqual(300_000);
  });
});
