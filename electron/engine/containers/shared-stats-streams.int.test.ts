import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StatsSample } from '../../../shared/container-detail-types.js';
import { createFixture, testDocker, uniqueName, waitFor } from '../../test-support/engine-fixtures.js';
import { EngineConnection } from '../engine-connection.js';
import { ContainerStreams } from './container-streams.js';
import { maxStatsPerClient, maxStatsStreams } from './shared-stats-streams.js';

/** A sink that records what one client received. */
function viewer(): { sink: { send(s: StatsSample): boolean; end(err?: unknown): void }; samples: StatsSample[]; ended: () => unknown } {
  const samples: StatsSample[] = [];
  let ended: unknown;
  return {
    samples,
    ended: () => ended,
    sink: {
      send: (s) => (samples.push(s), true),
      end: (err) => {
        ended = err ?? 'clean';
      },
    },
  };
}

const refusal = (fn: () => unknown): unknown => {
  try {
    fn();
    return undefined;
  } catch (err) {
    return err;
  }
};

describe('stats streams shared between clients, against the real engine', () => {
  const connection = new EngineConnection({ id: 'test-shared-stats' });
  const made: string[] = [];
  const names: string[] = [];

  beforeAll(async () => {
    await connection.connect();
    for (const prefix of ['stats-a', 'stats-b', 'stats-c']) {
      const name = uniqueName(prefix);
      made.push(name);
      await (await createFixture(name)).start();
      names.push(name);
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

  it('gives one client at most a share of the engine streams', () => {
    expect(maxStatsPerClient).toBeLessThan(maxStatsStreams);
  });

  it('serves every client watching one container from one engine stream, which closes with its last viewer', async () => {
    const streams = new ContainerStreams(connection);
    const [a] = names as [string];
    const first = viewer();
    const second = viewer();
    const closeFirst = streams.stats(a, first.sink, 'client-1');
    const closeSecond = streams.stats(a, second.sink, 'client-2');
    expect(streams.statsStreams).toBe(1);
    expect(streams.statsSubscribers).toBe(2);
    await waitFor(
      () => (first.samples.length >= 2 && second.samples.length >= 2 ? true : undefined),
      'two samples for each viewer',
      15_000,
    );
    expect(second.samples.at(-1)?.memoryUsage).toBeGreaterThan(0);

    // A viewer that joins later gets the newest sample at once, from the same stream.
    const late = viewer();
    const closeLate = streams.stats(a, late.sink, 'client-3');
    expect(late.samples).toHaveLength(1);
    expect(streams.statsStreams).toBe(1);

    closeFirst();
    closeLate();
    const seen = second.samples.length;
    await waitFor(() => (second.samples.length > seen ? true : undefined), 'samples after the others left', 15_000);
    expect(second.ended()).toBeUndefined();
    closeSecond();
    expect(streams.statsStreams).toBe(0);
    expect(streams.statsSubscribers).toBe(0);
  });

  it('refuses with LIMIT_REACHED beyond a client share or beyond the engine streams of the server, and frees both on close', async () => {
    const streams = new ContainerStreams(connection, { maxStreams: 2, maxPerClient: 1 });
    const [a, b, c] = names as [string, string, string];
    const closeA1 = streams.stats(a, viewer().sink, 'client-1');
    // One client cannot take a second engine stream beyond its share...
    expect(refusal(() => streams.stats(b, viewer().sink, 'client-1'))).toMatchObject({
      code: 'LIMIT_REACHED',
      message: expect.stringContaining('(1)'),
    });
    // ...while others still can, and joining a watched container costs no engine stream.
    const closeB2 = streams.stats(b, viewer().sink, 'client-2');
    const joinedA = viewer();
    const closeA3 = streams.stats(a, joinedA.sink, 'client-3');
    expect(streams.statsStreams).toBe(2);
    // The server's engine streams are all in use: a third container is refused, a watched one is not.
    expect(refusal(() => streams.stats(c, viewer().sink, 'client-4'))).toMatchObject({
      code: 'LIMIT_REACHED',
      message: expect.stringContaining('(2)'),
    });
    const closeA4 = streams.stats(a, viewer().sink, 'client-4');
    await waitFor(() => (joinedA.samples.length >= 1 ? true : undefined), 'a sample for the viewer that joined', 15_000);

    // The last viewer of b leaves: its engine stream closes and c may have the slot.
    closeB2();
    expect(streams.statsStreams).toBe(1);
    const closeC5 = streams.stats(c, viewer().sink, 'client-5');
    expect(streams.statsStreams).toBe(2);
    // Leaving frees the client's share too.
    closeA1();
    expect(refusal(() => streams.stats(b, viewer().sink, 'client-1'))).toMatchObject({
      code: 'LIMIT_REACHED',
      message: expect.stringContaining('(2)'),
    });
    closeA3();
    closeA4();
    expect(streams.statsStreams).toBe(1);
    const closeB1 = streams.stats(b, viewer().sink, 'client-1');
    for (const close of [closeC5, closeB1]) close();
    expect(streams.statsStreams).toBe(0);
    expect(streams.statsSubscribers).toBe(0);
  });

  // A stopped container's stream goes on with empty samples (as `docker stats` shows); removal ends it.
  it('ends every viewer when the container is removed, and the slot is free again', async () => {
    const streams = new ContainerStreams(connection);
    const name = uniqueName('stats-stop');
    made.push(name);
    await (await createFixture(name)).start();
    const viewers = [viewer(), viewer()];
    viewers.forEach((v, i) => streams.stats(name, v.sink, `client-${i}`));
    await waitFor(() => (viewers.every((v) => v.samples.length >= 1) ? true : undefined), 'first samples', 15_000);
    await testDocker.getContainer(name).remove({ force: true });
    await waitFor(() => (viewers.every((v) => v.ended() !== undefined) ? true : undefined), 'both viewers told the stream ended', 15_000);
    expect(streams.statsStreams).toBe(0);
    expect(streams.statsSubscribers).toBe(0);
  });
});
