import { describe, expect, it } from 'vitest';
import {
  engineRequestOf,
  guardEngineRequests,
  withRequestBudget,
  type DialCallback,
  type DialOptions,
  type Dialer,
  type EngineTimeoutError,
} from './engine-request-timeouts.js';

/** A modem that answers only when the test says so. */
class HeldModem implements Dialer {
  readonly pending: Array<{ options: DialOptions; callback: DialCallback }> = [];
  dial(options: DialOptions, callback: DialCallback): void {
    this.pending.push({ options, callback });
  }
}

function guarded(budgetMs: number | null) {
  const modem = new HeldModem();
  const dial = modem.dial.bind(modem);
  const timeouts: EngineTimeoutError[] = [];
  guardEngineRequests(modem, { endpoint: 'unix:///test.sock', budgetMs: () => budgetMs, onTimeout: (err) => timeouts.push(err) });
  const call = (path: string, method = 'GET'): Promise<unknown> =>
    new Promise((resolve, reject) => modem.dial({ path, method }, (err, result) => (err ? reject(err) : resolve(result))));
  return { modem, dial, timeouts, call };
}

describe('time limits on engine requests', () => {
  it('aborts a request the engine does not answer, tells the connection first, then the caller', async () => {
    const { modem, timeouts, call } = guarded(20);
    const result = call('/containers/json?');
    const seenByCallerAfter: number[] = [];
    await expect(result.catch((err: unknown) => (seenByCallerAfter.push(timeouts.length), Promise.reject(err)))).rejects.toMatchObject({
      code: 'ENGINE_UNAVAILABLE',
      message: 'The Docker Engine at unix:///test.sock did not answer GET /containers/json within 0.02 s',
    });
    expect(seenByCallerAfter).toEqual([1]);
    expect(modem.pending[0]?.options.abortSignal?.aborted).toBe(true);
  });

  it('lets an answer in time through untouched, and ignores one that comes too late', async () => {
    const { modem, timeouts, call } = guarded(1000);
    const answered = call('/version');
    modem.pending[0]?.callback(null, { Version: '28' });
    await expect(answered).resolves.toEqual({ Version: '28' });
    expect(modem.pending[0]?.options.abortSignal?.aborted).toBe(false);

    const late = guarded(10);
    const slow = late.call('/containers/json?');
    await expect(slow).rejects.toThrow(/did not answer/);
    let destroyed = false;
    late.modem.pending[0]?.callback(null, { destroy: () => (destroyed = true) });
    expect(destroyed).toBe(true);
    expect(timeouts).toHaveLength(0);
  });

  it('sets no timer on a request without a limit', async () => {
    const { modem, call } = guarded(null);
    const pending = call('/build', 'POST');
    expect(modem.pending[0]?.options.abortSignal).toBeUndefined();
    modem.pending[0]?.callback(null, 'stream');
    await expect(pending).resolves.toBe('stream');
  });

  it('keeps a caller’s own abort signal working beside the limit', () => {
    const { modem } = guarded(1000);
    const own = new AbortController();
    modem.dial({ path: '/containers/abc/archive?', method: 'GET', abortSignal: own.signal }, () => undefined);
    own.abort();
    expect(modem.pending[0]?.options.abortSignal?.aborted).toBe(true);
  });

  it('lets one call choose its own budget', async () => {
    const { timeouts, call } = guarded(60_000);
    await expect(withRequestBudget(10, () => call('/containers/abc/changes?'))).rejects.toThrow(/within 0.01 s/);
    expect(timeouts).toHaveLength(1);
  });

  it('reads the request as dockerode dials it', () => {
    expect(engineRequestOf({ path: '/containers/abc/stop?', method: 'POST', options: { t: 5 } })).toEqual({
      method: 'POST',
      path: '/containers/abc/stop',
      query: { t: 5 },
    });
    expect(engineRequestOf({ path: '/v1.41/images/json?', method: 'GET', options: { _query: { all: true } } })).toEqual({
      method: 'GET',
      path: '/images/json',
      query: { all: true },
    });
    expect(engineRequestOf({ path: '/_ping', method: 'GET' })).toEqual({ method: 'GET', path: '/_ping', query: {} });
  });
});
