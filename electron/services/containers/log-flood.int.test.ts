import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LogBatch } from '../../../shared/container-detail-types.js';
import { fixtureImage, fixtureLabel, testDocker, waitFor } from '../../test-support/engine-fixtures.js';
import { EngineConnection } from '../engine-connection.js';
import { ContainerStreams } from './container-streams.js';

/** Numbered lines as fast as busybox awk goes (paced a little so the shared engine copes). */
const flood = `BEGIN { n = 0; while (1) { for (i = 0; i < 500; i++) { n++; printf "L%d payload of the flood %d\\n", n, n } fflush(); system("usleep 20000") } }`;

/** Reads batches as the renderer does: lines per stream; a skipped-lines marker discards the cut line it held the start of. */
function floodReader() {
  const dec = new TextDecoder();
  let partial = '';
  const lines: string[] = [];
  let skipped = 0;
  let markers = 0;
  return {
    lines,
    get skipped() {
      return skipped;
    },
    get markers() {
      return markers;
    },
    read(batch: LogBatch): void {
      if (batch.skipped) {
        markers++;
        skipped += batch.skipped.stdout;
        if (batch.skipped.stdout > 0) partial = '';
      }
      for (const c of batch.chunks) {
        const parts = (partial + dec.decode(c.data, { stream: true })).split('\n');
        partial = parts.pop() ?? '';
        lines.push(...parts);
      }
    },
  };
}

describe('logs of a flooding container when the client falls behind (real engine)', () => {
  const connection = new EngineConnection({ id: 'test-log-flood' });
  const streams = new ContainerStreams(connection);
  const name = `berth-test-lf-${process.pid}`;

  beforeAll(async () => {
    await connection.connect();
    const c = await testDocker.createContainer({ name, Image: fixtureImage, Cmd: ['awk', flood], Labels: { [fixtureLabel]: 'true' }, StopSignal: 'SIGKILL' });
    await c.start();
  });

  afterAll(async () => {
    connection.close();
    await testDocker.getContainer(name).remove({ force: true }).catch(() => undefined);
  });

  it('drops to the tail while the transport is full, says how many lines it skipped, and sends only whole lines', async () => {
    const reader = floodReader();
    let full = true;
    let batchesWhileFull = 0;
    let batchesAfter = 0;
    const close = streams.logs(
      { id: name, tail: 0, follow: true },
      {
        send(batch) {
          reader.read(batch);
          if (full) batchesWhileFull++;
          else batchesAfter++;
          return !full;
        },
        end() {},
      },
    );
    await waitFor(() => (reader.lines.length > 0 ? true : undefined), 'first lines');
    // The transport stays "full" for a second: the engine keeps writing, the server must not queue it.
    await new Promise((r) => setTimeout(r, 1000));
    full = false;
    await waitFor(() => (batchesAfter > 20 ? true : undefined), 'batches after the transport has room again');
    close();

    expect(reader.skipped).toBeGreaterThan(1000);
    // While full: the batch that filled it, then only small markers every 50 ms (no data queued or sent).
    expect(batchesWhileFull).toBeLessThan(40);
    const numbers = reader.lines.map((line) => {
      const m = /^L(\d+) payload of the flood (\d+)$/.exec(line);
      expect(m, `a whole line, not ${JSON.stringify(line)}`).not.toBeNull();
      expect(m?.[1]).toBe(m?.[2]);
      return Number(m?.[1]);
    });
    for (let i = 1; i < numbers.length; i++) expect(numbers[i]).toBeGreaterThan(numbers[i - 1] as number);
    const first = numbers[0] as number;
    const last = numbers[numbers.length - 1] as number;
    // Every line between the first and the last seen was either received whole or counted as skipped.
    expect(last - first + 1 - numbers.length).toBe(reader.skipped);
  }, 30_000);
});
