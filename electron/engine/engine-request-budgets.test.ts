import { describe, expect, it } from 'vitest';
import { requestBudgetMs, requestTimeoutFromEnvironment, type EngineRequest } from './engine-request-budgets.js';

const budgets = { baseMs: 30_000, pingMs: 5_000 };
const req = (method: string, path: string, query: Record<string, unknown> = {}): EngineRequest => ({ method, path, query });
const minute = 60_000;

describe('how long Berth waits for each engine request', () => {
  it('gives ordinary requests the base budget and the ping its own short one', () => {
    expect(requestBudgetMs(req('GET', '/containers/json'), budgets)).toBe(30_000);
    expect(requestBudgetMs(req('GET', '/version'), budgets)).toBe(30_000);
    expect(requestBudgetMs(req('GET', '/events'), budgets)).toBe(30_000);
    expect(requestBudgetMs(req('POST', '/containers/abc/kill'), budgets)).toBe(30_000);
    expect(requestBudgetMs(req('GET', '/_ping'), budgets)).toBe(5_000);
  });

  it('waits for a stop as long as the engine waits before SIGKILL, plus a margin', () => {
    expect(requestBudgetMs(req('POST', '/containers/abc/stop', { t: 10 }), budgets)).toBe(10_000 + minute);
    expect(requestBudgetMs(req('POST', '/containers/abc/restart', { t: '120' }), budgets)).toBe(120_000 + minute);
    expect(requestBudgetMs(req('POST', '/containers/abc/stop', {}), budgets)).toBe(5 * minute + minute);
    expect(requestBudgetMs(req('POST', '/containers/abc/stop', { t: -1 }), budgets)).toBeNull();
  });

  it('gives the calls known to be slow minutes, never less than the base', () => {
    expect(requestBudgetMs(req('POST', '/commit'), budgets)).toBe(30 * minute);
    expect(requestBudgetMs(req('GET', '/system/df'), budgets)).toBe(10 * minute);
    expect(requestBudgetMs(req('DELETE', '/images/registry.local:5000/team/app:1'), budgets)).toBe(5 * minute);
    expect(requestBudgetMs(req('POST', '/images/prune'), budgets)).toBe(30 * minute);
    expect(requestBudgetMs(req('POST', '/volumes/create'), budgets)).toBe(2 * minute);
    expect(requestBudgetMs(req('DELETE', '/volumes/data'), budgets)).toBe(5 * minute);
    expect(requestBudgetMs(req('POST', '/auth'), budgets)).toBe(2 * minute);
    expect(requestBudgetMs(req('GET', '/containers/abc/logs', { follow: false, tail: 'all' }), budgets)).toBe(2 * minute);
    expect(requestBudgetMs(req('GET', '/containers/abc/logs', { follow: true }), budgets)).toBe(30_000);
    expect(requestBudgetMs(req('POST', '/commit'), { baseMs: 60 * minute, pingMs: 5000 })).toBe(60 * minute);
  });

  it('sets no limit on requests answered only after their body was sent or a registry answered', () => {
    expect(requestBudgetMs(req('POST', '/build'), budgets)).toBeNull();
    expect(requestBudgetMs(req('PUT', '/containers/abc/archive'), budgets)).toBeNull();
    expect(requestBudgetMs(req('POST', '/images/create', { fromImage: 'alpine' }), budgets)).toBeNull();
    expect(requestBudgetMs(req('POST', '/images/127.0.0.1:5000/app/push'), budgets)).toBeNull();
    expect(requestBudgetMs(req('POST', '/containers/abc/wait'), budgets)).toBeNull();
    // Not a push: an ordinary tag.
    expect(requestBudgetMs(req('POST', '/images/app/tag'), budgets)).toBe(30_000);
  });
});

describe('BERTH_ENGINE_TIMEOUT_S', () => {
  it('sets the base budget in seconds, 30 s without it', () => {
    expect(requestTimeoutFromEnvironment({})).toBe(30_000);
    expect(requestTimeoutFromEnvironment({ BERTH_ENGINE_TIMEOUT_S: '2.5' })).toBe(2_500);
  });

  it('refuses a value that is not a positive number, with the reason', () => {
    expect(() => requestTimeoutFromEnvironment({ BERTH_ENGINE_TIMEOUT_S: 'soon' })).toThrow(
      /BERTH_ENGINE_TIMEOUT_S must be a positive number of seconds, not "soon"/,
    );
    expect(() => requestTimeoutFromEnvironment({ BERTH_ENGINE_TIMEOUT_S: '0' })).toThrow(/positive/);
    expect(() => requestTimeoutFromEnvironment({ BERTH_ENGINE_TIMEOUT_S: '-3' })).toThrow(/positive/);
  });
});
