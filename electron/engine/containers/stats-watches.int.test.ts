import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StatsWatchMessage } from '../../../shared/stats-watch-contract.js';
import { createFixture, testDocker, uniqueName, waitFor } from '../../test-support/engine-fixtures.js';
import { EngineConnection } from '../engine-connection.js';
import { ContainerStreams } from './container-streams.js';
import { notRunningReason } from './stats-watches.js';

/** What one page's watch stream received. */
function page(): {
  sink: { send(m: StatsWatchMessage): boolean; end(err?: unknown): void };
  messages: StatsWatchMessage[];
  samplesOf(id: string): number;
  endedOf(id: string): string | undefined;
  watchId(): string;
} {
  const messages: StatsWatchMessage[] = [];
  return {
    messages,
    sink: { send: (m) => (messages.push(m), true), end: () => undefined },
    samplesOf: (id) => messages.reduce((n, m) => n + m.samples.filter((s) => s.id === id).length, 0),
    endedOf: (id) => messages.flatMap((m) => m.ended).find((e) => e.id === id)?.reason,
    watchId: () => messages[0]?.watch ?? '',
  };
}

describe('stats watch of the containers table, against the real engine', () => {
  const connection = new EngineConnection({ id: 'test-stats-watch' });
  const made: string[] = [];
  const ids: string[] = [];

  beforeAll(async () => {
    await connection.connect();
    for (const prefix of ['watch-a', 'watch-b', 'watch-c']) {
      const name = uniqueName(prefix);
      made.push(name);
      const container = await createFixture(name, ['sleep', '3600']);
      await container.start();
      ids.push(container.id);
    }
  });

  afterAll(async () => {
    connection.close();
    await Promise.all(
      made.map((name) =>
        testDocker
          .getContainer(name)
          .remove({ force: true })
          .catch(() => undefined),
      ),
    );
  });

  it('streams samples of the watched containers, and the set opens and closes engine streams', async () => {
    const streams = new ContainerStreams(connection);
    const [a, b, c] = ids as [string, string, string];
    const viewer = page();
    const close = streams.statsWatches.open([a], viewer.sink, 'client-1');
    expect(viewer.watchId()).toMatch(/^[0-9a-f]{32}$/);
    expect(streams.statsStreams).toBe(1);
    await waitFor(() => (viewer.samplesOf(a) >= 2 ? true : undefined), 'two samples of a', 15_000);
    const sample = viewer.messages.flatMap((m) => m.samples).find((s) => s.id === a)?.sample;
    expect(sample?.memoryUsage).toBeGreaterThan(0);
    expect(sample?.pids).toBeGreaterThan(0);

    // Scrolling: b and c come on screen, a leaves it.
    expect(streams.statsWatches.set('client-1', viewer.watchId(), [b, c]).watching.sort()).toEqual([b, c].sort());
    expect(streams.statsStreams).toBe(2);
    await waitFor(() => (viewer.samplesOf(b) >= 1 && viewer.samplesOf(c) >= 1 ? true : undefined), 'samples of b and c', 15_000);
    const ofA = viewer.samplesOf(a);
    await waitFor(() => (viewer.samplesOf(c) >= 3 ? true : undefined), 'more samples of c', 15_000);
    expect(viewer.samplesOf(a)).toBe(ofA);

    // The view is left: the stream closes, and so do the engine streams.
    close();
    expect(streams.statsStreams).toBe(0);
    expect(streams.statsWatches.openWatches).toBe(0);
  });

  it('shares an engine stream with a detail pane watching the same container', async () => {
    const streams = new ContainerStreams(connection);
    const [a] = ids as [string];
    const closeDetail = streams.stats(a, { send: () => true, end: () => undefined }, 'client-1');
    const viewer = page();
    const closeWatch = streams.statsWatches.open([a], viewer.sink, 'client-1');
    expect(streams.statsStreams).toBe(1);
    await waitFor(() => (viewer.samplesOf(a) >= 1 ? true : undefined), 'a sample of a', 15_000);
    closeWatch();
    expect(streams.statsStreams).toBe(1);
    closeDetail();
    expect(streams.statsStreams).toBe(0);
  });

  it('ends a container that stops (its engine stream closes) and follows it again once set after a start', async () => {
    const streams = new ContainerStreams(connection);
    const name = uniqueName('watch-stop');
    made.push(name);
    const container = await createFixture(name, ['sleep', '3600']);
    await container.start();
    const viewer = page();
    const close = streams.statsWatches.open([container.id], viewer.sink, 'client-1');
    await waitFor(() => (viewer.samplesOf(container.id) >= 1 ? true : undefined), 'a first sample', 15_000);

    await container.stop({ t: 0 });
    await waitFor(() => viewer.endedOf(container.id), 'the watch to say the container ended', 15_000);
    expect(viewer.endedOf(container.id)).toBe(notRunningReason);
    expect(streams.statsStreams).toBe(0);
    expect(streams.statsWatches.followed).toBe(0);

    await container.start();
    expect(streams.statsWatches.set('client-1', viewer.watchId(), [container.id]).watching).toEqual([container.id]);
    const before = viewer.samplesOf(container.id);
    await waitFor(() => (viewer.samplesOf(container.id) > before ? true : undefined), 'samples after the start', 15_000);
    close();
    expect(streams.statsStreams).toBe(0);
  });

  it('ends a container that is removed or does not exist, with the reason, and refuses another client the watch', async () => {
    const streams = new ContainerStreams(connection);
    const name = uniqueName('watch-rm');
    made.push(name);
    const container = await createFixture(name, ['sleep', '3600']);
    await container.start();
    const viewer = page();
    const close = streams.statsWatches.open([container.id, 'berth-test-no-such-container'], viewer.sink, 'client-1');
    await waitFor(() => viewer.endedOf('berth-test-no-such-container'), 'the missing container ended', 15_000);
    expect(viewer.endedOf('berth-test-no-such-container')).toMatch(/no such container/i);
    await waitFor(() => (viewer.samplesOf(container.id) >= 1 ? true : undefined), 'a first sample', 15_000);

    expect(() => streams.statsWatches.set('client-2', viewer.watchId(), [])).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));

    await container.remove({ force: true });
    await waitFor(() => viewer.endedOf(container.id), 'the removed container ended', 15_000);
    expect(streams.statsStreams).toBe(0);
    close();
  });
});
