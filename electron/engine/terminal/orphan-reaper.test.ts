import { describe, expect, it } from 'vitest';
import { OrphanReaper } from './orphan-reaper.js';
import type { TerminalSource, TerminateResult } from './terminal-source.js';

/** A source whose terminate answers from a script of results, counting the tries. */
function source(results: TerminateResult[]): TerminalSource & { tries: () => number } {
  let tries = 0;
  const noop = (): void => undefined;
  return {
    label: 'sh',
    onData: noop,
    onEnd: noop,
    write: noop,
    queuedInputBytes: () => 0,
    resize: async () => undefined,
    pause: noop,
    resume: noop,
    describeExit: async () => ({ exitCode: null, reason: 'x', cause: 'exited' }),
    terminate: async () => results[Math.min(tries++, results.length - 1)] ?? 'done',
    tries: () => tries,
  };
}

describe('orphan reaper', () => {
  it('forgets a session ended at the first try', async () => {
    const reaper = new OrphanReaper();
    await reaper.reap(source(['done']));
    expect(reaper.size).toBe(0);
  });

  it('keeps a session the engine could not be asked about, and ends it on a later try', async () => {
    const reaper = new OrphanReaper();
    const lost = source(['unreachable', 'unreachable', 'done']);
    await reaper.reap(lost);
    expect(reaper.size).toBe(1);
    await reaper.retry();
    expect(reaper.size).toBe(1);
    await reaper.retry();
    expect(reaper.size).toBe(0);
    expect(lost.tries()).toBe(3);
    await reaper.retry();
    expect(lost.tries()).toBe(3);
  });

  it('runs one retry at a time: a second call joins the first', async () => {
    const reaper = new OrphanReaper();
    const lost = source(['unreachable', 'done']);
    await reaper.reap(lost);
    await Promise.all([reaper.retry(), reaper.retry()]);
    expect(lost.tries()).toBe(2);
    expect(reaper.size).toBe(0);
  });
});
