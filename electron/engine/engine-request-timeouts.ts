import { AsyncLocalStorage } from 'node:async_hooks';
import { BerthError } from '../../shared/errors.js';
import type { EngineRequest } from './engine-request-budgets.js';

/** A request the engine accepted but did not answer within its budget. */
export class EngineTimeoutError extends BerthError {
  constructor(
    readonly request: string,
    readonly timeoutMs: number,
    readonly endpoint: string,
  ) {
    super({
      code: 'ENGINE_UNAVAILABLE',
      message: `The Docker Engine at ${endpoint} did not answer ${request} within ${formatSeconds(timeoutMs)}`,
    });
    this.name = 'EngineTimeoutError';
  }
}

export function isEngineTimeout(err: unknown): err is EngineTimeoutError {
  return err instanceof EngineTimeoutError;
}

/** "30 s", "2.5 s", "0.02 s": how a budget is said to the user. */
export function formatSeconds(ms: number): string {
  const seconds = ms / 1000;
  return `${Number(seconds.toFixed(seconds < 1 ? 3 : 1))} s`;
}

/** The part of docker-modem's dial options the guard reads or sets. */
export interface DialOptions {
  path: string;
  method: string;
  options?: unknown;
  abortSignal?: AbortSignal;
}
export type DialCallback = (err: unknown, result?: unknown) => void;
/** docker-modem's `Modem`, as far as the guard needs it. */
export interface Dialer {
  dial(options: DialOptions, callback: DialCallback): void;
}

export interface RequestGuard {
  /** Where the engine is, for the error message. */
  endpoint: string;
  /** The budget of one request in ms; null: no limit. */
  budgetMs(request: EngineRequest): number | null;
  /** Told first when a request ran out of time (then its caller gets the error). */
  onTimeout(err: EngineTimeoutError): void;
}

const override = new AsyncLocalStorage<number | null>();

/**
 * Runs `work` with every engine request it makes given `budgetMs` (null: no limit) instead of the
 * budget its kind of request has: for a call known to be slow in a way the path does not show.
 */
export function withRequestBudget<T>(budgetMs: number | null, work: () => T): T {
  return override.run(budgetMs, work);
}

/** The request docker-modem is about to send, without the API version prefix or the query string. */
export function engineRequestOf(options: DialOptions): EngineRequest {
  const path = options.path.split('?')[0]?.replace(/^\/v\d+(?:\.\d+)?(?=\/)/, '') ?? '';
  const raw = options.options;
  const query = typeof raw === 'object' && raw !== null ? (((raw as { _query?: unknown })._query ?? raw) as Record<string, unknown>) : {};
  return { method: options.method, path, query: typeof query === 'object' && query !== null ? query : {} };
}

function destroyLate(result: unknown): void {
  const stream = result as { destroy?: unknown } | null | undefined;
  if (stream && typeof stream.destroy === 'function') (stream as { destroy(): void }).destroy();
}

/**
 * Gives every request the modem sends a time limit: when the engine has not answered in time, the
 * request is aborted (its socket freed), `onTimeout` is told and the caller gets an
 * EngineTimeoutError. A stream's limit ends when its response starts: a long log or event stream is
 * never cut.
 */
export function guardEngineRequests(modem: Dialer, guard: RequestGuard): void {
  const dial = modem.dial.bind(modem);
  modem.dial = (options, callback) => {
    const request = engineRequestOf(options);
    const chosen = override.getStore();
    const budget = chosen === undefined ? guard.budgetMs(request) : chosen;
    if (budget === null) {
      dial(options, callback);
      return;
    }
    const controller = new AbortController();
    options.abortSignal = options.abortSignal ? AbortSignal.any([options.abortSignal, controller.signal]) : controller.signal;
    let settled = false;
    const timer = setTimeout(() => {
      if (settled) return;
      settled = true;
      const err = new EngineTimeoutError(`${request.method.toUpperCase()} ${request.path}`, budget, guard.endpoint);
      controller.abort(err);
      guard.onTimeout(err);
      callback(err);
    }, budget);
    timer.unref?.();
    dial(options, (err, result) => {
      if (settled) {
        destroyLate(result);
        return;
      }
      settled = true;
      clearTimeout(timer);
      callback(err, result);
    });
  };
}
