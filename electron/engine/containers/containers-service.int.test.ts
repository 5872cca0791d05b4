import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EngineEvent } from '../../../shared/engine-types.js';
import { toRpcError } from '../to-rpc-error.js';
import { createFixture, dockerCli, removeFixtures, uniqueName, waitFor } from '../../test-support/engine-fixtures.js';
import { ContainersService } from './containers-service.js';
import { EngineConnection } from '../engine-connection.js';
import { ImagesService } from '../images-service.js';

describe('containers and images against the real engine', () => {
  const connection = new EngineConnection({ id: 'test' });
  const containers = new ContainersService(connection);
  const images = new ImagesService(connection);
  const events: EngineEvent[] = [];

  beforeAll(async () => {
    const status = await connection.connect();
    expect(status.state, status.error).toBe('connected');
    connection.onEvent((e) => events.push(e));
  });

  afterAll(async () => {
    connection.close();
    await removeFixtures();
  });

  it('reports the engine version once connected', () => {
    expect(connection.status.engineVersion).toMatch(/^\d+\.\d+/);
    expect(connection.status.generation).toBe(1);
  });

  it('lists containers in created, running, paused and exited states, with exit codes', async () => {
    const created = uniqueName('created');
    const running = uniqueName('running');
    const paused = uniqueName('paused');
    const exited = uniqueName('exited');
    await createFixture(created);
    await (await createFixture(running)).start();
    const p = await createFixture(paused);
    await p.start();
    await p.pause();
    const e = await createFixture(exited, ['sh', '-c', 'exit 3']);
    await e.start();
    await e.wait();

    const list = await containers.list();
    const byName = new Map(list.map((c) => [c.name, c]));
    expect(byName.get(created)?.state).toBe('created');
    expect(byName.get(running)?.state).toBe('running');
    expect(byName.get(paused)?.state).toBe('paused');
    expect(byName.get(exited)?.state).toBe('exited');
    expect(byName.get(exited)?.exitCode).toBe(3);
    expect(byName.get(running)?.image).toBe('berth-fixture/busybox:latest');
    expect(byName.get(running)?.command).toContain('sleep');
    await p.unpause();
  });

  it('starts, stops, restarts and removes a container, and sees each change as an event', async () => {
    const name = uniqueName('cycle');
    const c = await createFixture(name);
    await containers.start(name);
    expect((await c.inspect()).State.Running).toBe(true);
    await containers.restart(name);
    expect((await c.inspect()).State.Running).toBe(true);
    await containers.stop(name, 1);
    expect((await c.inspect()).State.Running).toBe(false);
    await containers.remove(name, {});
    const gone = await c.inspect().then(
      () => false,
      () => true,
    );
    expect(gone).toBe(true);
    await waitFor(() => (events.some((ev) => ev.name === name && ev.action === 'destroy') ? true : undefined), 'destroy event');
    const actions = events.filter((ev) => ev.name === name).map((ev) => ev.action);
    expect(actions).toEqual(expect.arrayContaining(['create', 'start', 'restart', 'die', 'destroy']));
  });

  it('sees a change made with the docker CLI through the event stream', async () => {
    const name = uniqueName('cli');
    await (await createFixture(name)).start();
    dockerCli('stop', '-t', '0', name);
    const die = await waitFor(() => events.find((ev) => ev.name === name && ev.action === 'die'), 'die event from CLI stop');
    expect(die.type).toBe('container');
    const after = (await containers.list()).find((c) => c.name === name);
    expect(after?.state).toBe('exited');
  });

  it('gives the engine reason when removing a running container without force', async () => {
    const name = uniqueName('busy');
    await (await createFixture(name)).start();
    const err = await containers.remove(name, {}).then(
      () => undefined,
      (e: unknown) => e,
    );
    const payload = toRpcError(err);
    expect(payload.code).toBe('CONFLICT');
    expect(payload.message).toMatch(/running/i);
    await containers.remove(name, { force: true });
  });

  it('reports NOT_FOUND for a container that does not exist', async () => {
    const err = await containers.start('berth-no-such-container').then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(toRpcError(err)).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('lists images with tags, sizes and dangling ones as untagged', async () => {
    const list = await images.list();
    const fixture = list.find((i) => i.repoTags.includes('berth-fixture/busybox:latest'));
    expect(fixture).toBeDefined();
    expect(fixture?.size).toBeGreaterThan(100_000);
    expect(fixture?.id).toMatch(/^sha256:[0-9a-f]{64}$/);

    // A dangling image: committed with no repository or tag, which the engine lists as <none>:<none>.
    const source = await createFixture(uniqueName('dangling-src'));
    const dangling = dockerCli('commit', source.id);
    try {
      const listed = (await images.list()).find((i) => i.id === dangling);
      expect(listed).toMatchObject({ id: dangling, repoTags: [] });
    } finally {
      dockerCli('rmi', dangling);
    }
  });
});
