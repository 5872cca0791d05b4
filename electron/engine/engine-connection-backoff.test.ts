import { afterEach, describe, expect, it } from 'vitest';
import { EngineConnection } from './engine-connection.js';

// No engine listens here: each attempt fails at once (ENOENT), so only the retry schedule sets the pace.
const nowhere = `unix:///tmp/berth-backoff-nowhere-${process.pid}.sock`;
const opened: EngineConnection[] = [];
afterEach(() => opened.splice(0).forEach((c) => c.close()));

describe('reconnecting with backoff', () => {
  it('waits longer after each failed attempt, up to the last delay, and says when the next try is', async () => {
    const connection = new EngineConnection({ id: 'backoff', dockerHost: nowhere, retryDelaysMs: [40, 80, 160] });
    opened.push(connection);
    const scheduled: number[] = [];
    connection.onStatus((status) => {
      if (status.state !== 'disconnected') return;
      // The next try is scheduled right after the status goes out: read it then.
      queueMicrotask(() => {
        const next = connection.nextAttemptAt;
        if (next !== undefined) scheduled.push(next - Date.now());
      });
    });
    await connection.connect();
    await new Promise<void>((resolve) => {
      const check = setInterval(() => {
        if (scheduled.length >= 5) {
          clearInterval(check);
          resolve();
        }
      }, 10);
    });
    // Each announced wait is the schedule's step (less a ms or so), the last one repeating.
    const steps = scheduled.slice(0, 5).map((ms) => [40, 80, 160].reduce((a, b) => (Math.abs(b - ms) < Math.abs(a - ms) ? b : a)));
    expect(steps).toEqual([40, 80, 160, 160, 160]);
  });
});
