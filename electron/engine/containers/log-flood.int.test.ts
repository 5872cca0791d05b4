import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LogBatch } from '../../../shared/container-detail-types.js';
import { fixtureImage, fixtureLabel, testDocker, waitFor } from '../../test-support/engine-fixtures.js';
import { EngineConnection } from '../engine-connection.js';
import { ContainerStreams } from './container-streams.js';

/** Numbered lines as fast as busybox awk goes (paced a little so the shared engine copes). */
const flood = `BEGIN { pad = sprintf("%90s", ""); gsub(/ /, "x", pad); n = 0; while (1) { for (i = 0; i < 500; i++) { n++; printf "L%d payload of the flood %s %d\\n", n, pad, n } fflush(); system("usleep 20000") } }`;

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
    bytes: 0,
    read(batch: LogBatch): void {
      for (const c of batch.chunks) this.bytes += c.data.byteLength;
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
    const c = await testDocker.createContainer({
      name,
      Image: fixtureImage,
      Cmd: ['awk', flood],
      Labels: { [fixtureLabel]: 'true' },
      StopSignal: 'SIGKILL',
    });
    await c.start();
  });

  afterAll(async () => {
    connection.close();
    await testDocker
      .getContainer(name)
      .remove({ force: true })
      .catch(() => undefined);
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
    expectWholeLinesAccountedFor(reader);
  }, 30_000);

  it('with flow control, drops to the tail while the client does not acknowledge, and resumes when it does', async () => {
    const reader = floodReader();
    let flow: string | undefined;
    let acking = true;
    let batchesAfter = 0;
    const close = streams.logs(
      { id: name, tail: 0, follow: true, flowControl: true },
      {
        send(batch) {
          flow ??= batch.flow;
          reader.read(batch);
          const bytes = batch.chunks.reduce((n, c) => n + c.data.byteLength, 0);
          if (acking && flow) {
            streams.ackLogs('other-client', flow, bytes); // another client's ack does not count
            streams.ackLogs('me', flow, bytes);
          }
          if (acking && reader.lines.length > 0) batchesAfter++;
          return true;
        },
        end() {},
      },
      'me',
    );
    await waitFor(() => (reader.lines.length > 0 ? true : undefined), 'first lines');
    expect(flow).toMatch(/^[0-9a-f]{32}$/);
    // The page stalls: nothing is acknowledged. The server sends up to its window, then drops.
    acking = false;
    batchesAfter = 0;
    const stalledAt = reader.bytes;
    await waitFor(() => (reader.bytes - stalledAt > 2 * 1024 * 1024 ? true : undefined), 'a window of unacknowledged bytes', 20_000);
    await new Promise((r) => setTimeout(r, 1500));
    const sentWhileStalled = reader.bytes - stalledAt;
    expect(sentWhileStalled).toBeLessThan(2 * 1024 * 1024 + 2 * 256 * 1024);
    // The page catches up: it acknowledges what it got, the server resumes and says what it skipped.
    acking = true;
    streams.ackLogs('me', flow as string, sentWhileStalled + 1024 * 1024);
    await waitFor(() => (batchesAfter > 20 ? true : undefined), 'batches after catching up');
    close();
    expect(reader.markers).toBeGreaterThan(0);
    expect(reader.skipped).toBeGreaterThan(1000);
    expectWholeLinesAccountedFor(reader);
  }, 40_000);
});

function expectWholeLinesAccountedFor(reader: ReturnType<typeof floodReader>): void {
  {
    const numbers = reader.lines.map((line) => {
      const m = /^L(\d+) payload of the flood x{90} (\d+)$/.exec(line);
      expect(m, `a whole line, not ${JSON.stringify(line)}`).not.toBeNull();
      expect(m?.[1]).toBe(m?.[2]);
      return Number(m?.[1]);
    });
    for (let i = 1; i < numbers.length; i++) expect(numbers[i]).toBeGreaterThan(numbers[i - 1] as number);
    const first = numbers[0] as number;
    const last = numbers[numbers.length - 1] as number;
    // Every line between the first and the last seen was either received whole or counted as skipped.
    expect(last - first + 1 - numbers.length).toBe(reader.skipped);
  }
}
