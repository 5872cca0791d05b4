import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LogBatch, StatsSample } from '../../../shared/container-detail-types.js';
import { toRpcError } from '../to-rpc-error.js';
import {
  createFixture,
  dockerCli,
  fixtureLabel,
  removeFixtures,
  testDocker,
  uniqueName,
  waitFor,
} from '../../test-support/engine-fixtures.js';
import { EngineConnection } from '../engine-connection.js';
import { ContainerStreams } from './container-streams.js';
import { ContainersService } from './containers-service.js';

function logCollector(): {
  sink: { send(b: LogBatch): boolean; end(err?: unknown): void };
  out: () => string;
  err: () => string;
  ended: () => boolean;
} {
  const dec = new TextDecoder();
  let out = '';
  let err = '';
  let ended = false;
  return {
    sink: {
      send(batch) {
        for (const c of batch.chunks) {
          if (c.stream === 'stdout') out += dec.decode(c.data);
          else err += dec.decode(c.data);
        }
        return true;
      },
      end() {
        ended = true;
      },
    },
    out: () => out,
    err: () => err,
    ended: () => ended,
  };
}

describe('container details against the real engine', () => {
  const connection = new EngineConnection({ id: 'test-details' });
  const containers = new ContainersService(connection);
  const streams = new ContainerStreams(connection);
  const committed: string[] = [];

  beforeAll(async () => {
    await connection.connect();
  });

  afterAll(async () => {
    connection.close();
    await removeFixtures();
    for (const ref of committed)
      await testDocker
        .getImage(ref)
        .remove({ force: true })
        .catch(() => undefined);
  });

  it('pauses, unpauses, kills with a signal and renames', async () => {
    const name = uniqueName('life');
    const c = await createFixture(name);
    await c.start();
    await containers.pause(name);
    expect((await c.inspect()).State.Paused).toBe(true);
    await containers.unpause(name);
    expect((await c.inspect()).State.Paused).toBe(false);
    const renamed = `${name}-renamed`;
    await containers.rename(name, renamed);
    expect((await c.inspect()).Name).toBe(`/${renamed}`);
    await containers.kill(renamed, 'SIGKILL');
    const state = await waitFor(async () => {
      const s = (await c.inspect()).State;
      return s.Running ? undefined : s;
    }, 'killed');
    expect(state.ExitCode).toBe(137);
    await c.remove({ force: true });
  });

  it('refuses to pause a stopped container with the engine reason', async () => {
    const name = uniqueName('stopped');
    await createFixture(name);
    const err = await containers.pause(name).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(toRpcError(err).code).toMatch(/CONFLICT|ENGINE_ERROR/);
    expect(toRpcError(err).message).toMatch(/not running/i);
  });

  it('tells stdout from stderr in logs of a container without a TTY', async () => {
    const name = uniqueName('logs');
    const c = await createFixture(name, ['sh', '-c', 'i=0; while [ $i -lt 200 ]; do echo line-$i; i=$((i+1)); done; echo to-err >&2']);
    await c.start();
    await c.wait();
    // The engine copies stdout and stderr separately, so their order in the log is not the order
    // they were written in: check each stream's content, and tail on a stream of its own.
    const all = logCollector();
    streams.logs({ id: name, tail: 1000, follow: false }, all.sink);
    await waitFor(() => (all.ended() ? true : undefined), 'logs end');
    expect(all.err()).toBe('to-err\n');
    expect(all.out()).toContain('line-0\nline-1\n');
    expect(all.out()).not.toContain('to-err');

    const logs = logCollector();
    streams.logs({ id: name, tail: 50, follow: false }, logs.sink);
    await waitFor(() => (logs.ended() ? true : undefined), 'tail end');
    expect(logs.out()).toContain('line-199\n');
    expect(logs.out()).not.toContain('line-100\n'); // only the last 50 lines
  });

  it('follows the logs of a TTY container as raw bytes', async () => {
    const name = uniqueName('tty');
    const c = await testDocker.createContainer({
      name,
      Image: 'berth-fixture/busybox:latest',
      Tty: true,
      Cmd: ['sh', '-c', 'echo first; sleep 1; echo second; sleep 30'],
      Labels: { [fixtureLabel]: 'true' },
    });
    await c.start();
    const logs = logCollector();
    const close = streams.logs({ id: name, tail: 100, follow: true }, logs.sink);
    await waitFor(() => (logs.out().includes('second') ? true : undefined), 'followed output');
    expect(logs.out()).toContain('first\r\n');
    close();
  });

  it('streams stats samples with memory and CPU, and caps the number of streams', async () => {
    const name = uniqueName('stats');
    await (await createFixture(name)).start();
    const samples: StatsSample[] = [];
    const close = streams.stats(name, { send: (s) => (samples.push(s), true), end: () => undefined });
    await waitFor(() => (samples.length >= 2 ? true : undefined), 'two samples', 15_000);
    expect(samples[1]?.memoryUsage).toBeGreaterThan(0);
    expect(samples[1]?.cpuPercent).not.toBeNull();
    close();
    expect(streams.statsStreams).toBe(0);
  });

  it('follows the tutorial: a file made in a container shows in diff, survives stop/start, and lives on in a commit', async () => {
    const first = uniqueName('tut-a');
    const a = await createFixture(first);
    await a.start();
    dockerCli('exec', first, 'touch', '/hello-from-berth');
    const changes = await containers.changes(first);
    expect(changes).toContainEqual({ path: '/hello-from-berth', kind: 'added' });

    // A second container from the same image starts clean.
    const second = uniqueName('tut-b');
    await (await createFixture(second)).start();
    expect(await containers.changes(second)).not.toContainEqual(expect.objectContaining({ path: '/hello-from-berth' }));

    // Stopping and starting the first keeps its writable layer.
    await containers.stop(first, 0);
    await containers.start(first);
    expect(await containers.changes(first)).toContainEqual({ path: '/hello-from-berth', kind: 'added' });

    const repository = `berth-test/committed-${process.pid}`;
    const { imageId } = await containers.commit(first, { repository, tag: 'v1', message: 'has the file', author: 'Berth tests' });
    committed.push(`${repository}:v1`);
    expect(imageId).toMatch(/^sha256:/);
    const out = dockerCli('run', '--rm', '--label', `${fixtureLabel}=true`, `${repository}:v1`, 'ls', '/hello-from-berth');
    expect(out).toBe('/hello-from-berth');
  });

  it('reports no changes (an empty list) for a container that never ran', async () => {
    const name = uniqueName('pristine');
    await createFixture(name);
    expect(await containers.changes(name)).toEqual([]);
  });

  it('lists processes and gives the inspect document', async () => {
    const name = uniqueName('top');
    await (await createFixture(name)).start();
    const top = await containers.top(name);
    expect(top.titles).toContain('PID');
    expect(top.processes.length).toBeGreaterThan(0);
    const doc = (await containers.inspect(name)) as { Name: string };
    expect(doc.Name).toBe(`/${name}`);
  });
});
