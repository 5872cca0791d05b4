/** One request to the Engine API as dockerode dials it (the path without its query string). */
export interface EngineRequest {
  method: string;
  path: string;
  query: Readonly<Record<string, unknown>>;
}

export interface RequestBudgets {
  /** The budget of an ordinary request (a list, an inspect, a start, ...). */
  baseMs: number;
  /** The budget of `/_ping`, the probe that tells whether a silent engine answers again. */
  pingMs: number;
}

export const defaultRequestTimeoutMs = 30_000;
export const defaultPingTimeoutMs = 5_000;

/** Environment variable that sets the ordinary budget in seconds, for slow hosts (and tests). */
export const requestTimeoutVariable = 'BERTH_ENGINE_TIMEOUT_S';

/**
 * The ordinary budget from `BERTH_ENGINE_TIMEOUT_S` (seconds, fractions allowed), or the default.
 * A value that is not a positive number is refused with the reason rather than ignored.
 */
export function requestTimeoutFromEnvironment(env: Readonly<Record<string, string | undefined>> = process.env): number {
  const raw = env[requestTimeoutVariable]?.trim();
  if (!raw) return defaultRequestTimeoutMs;
  const seconds = Number(raw);
  if (!Number.isFinite(seconds) || seconds <= 0) {
    throw new Error(`${requestTimeoutVariable} must be a positive number of seconds, not "${raw.slice(0, 40)}"`);
  }
  return Math.round(seconds * 1000);
}

const minute = 60_000;
/** When a stop or restart does not say how long the engine waits, the container's StopTimeout applies: assume at most this. */
const unknownStopWaitMs = 5 * minute;

type Budget = (query: EngineRequest['query'], budgets: RequestBudgets) => number | null;

const noLimit: Budget = () => null;
const atLeast =
  (ms: number): Budget =>
  (_query, { baseMs }) =>
    Math.max(baseMs, ms);

/** `t` of a stop or restart: how long the engine waits before SIGKILL (-1 waits for ever). */
const stopBudget: Budget = (query, { baseMs }) => {
  const t = Number(query.t);
  if (query.t === undefined || query.t === '' || !Number.isFinite(t)) return unknownStopWaitMs + Math.max(baseMs, minute);
  if (t < 0) return null;
  return t * 1000 + Math.max(baseMs, minute);
};

interface Rule {
  method: string;
  path: RegExp;
  budget: Budget;
}

/**
 * Requests known to take longer than an ordinary one, first match wins. For a stream, the budget
 * covers only its start (until the engine's response headers); the stream itself is never cut.
 */
const rules: readonly Rule[] = [
  { method: 'GET', path: /^\/_ping$/, budget: (_q, { pingMs }) => pingMs },
  // Answered only after the request body was read, or after a registry answered: the transfer code
  // watches these for stalls itself.
  { method: 'POST', path: /^\/build$/, budget: noLimit },
  { method: 'PUT', path: /^\/containers\/[^/]+\/archive$/, budget: noLimit },
  { method: 'POST', path: /^\/images\/load$/, budget: noLimit },
  { method: 'POST', path: /^\/images\/create$/, budget: noLimit },
  { method: 'POST', path: /^\/images\/.+\/push$/, budget: noLimit },
  // Waits for the container to exit, by design.
  { method: 'POST', path: /^\/containers\/[^/]+\/wait$/, budget: noLimit },
  { method: 'POST', path: /^\/containers\/[^/]+\/(?:stop|restart)$/, budget: stopBudget },
  // Copies image data into new named volumes.
  { method: 'POST', path: /^\/containers\/create$/, budget: atLeast(5 * minute) },
  // Network set-up, runtime hooks (GPUs), mounts.
  { method: 'POST', path: /^\/containers\/[^/]+\/start$/, budget: atLeast(2 * minute) },
  // Force-kill, then delete the writable layer (and anonymous volumes).
  { method: 'DELETE', path: /^\/containers\/[^/]+$/, budget: atLeast(5 * minute) },
  // Walks the writable layer.
  { method: 'GET', path: /^\/containers\/[^/]+\/changes$/, budget: atLeast(5 * minute) },
  // Without follow the whole (tailed) log comes as one answer.
  {
    method: 'GET',
    path: /^\/containers\/[^/]+\/logs$/,
    budget: (q, b) => (q.follow === true || q.follow === 'true' || q.follow === 1 ? b.baseMs : Math.max(b.baseMs, 2 * minute)),
  },
  // Tars the writable layer into a new image layer.
  { method: 'POST', path: /^\/commit$/, budget: atLeast(30 * minute) },
  // `docker system df` measures every layer and volume.
  { method: 'GET', path: /^\/system\/df$/, budget: atLeast(10 * minute) },
  // `docker save` writes every layer to a temporary folder before the first byte goes out.
  { method: 'GET', path: /^\/images\/.+\/get$/, budget: atLeast(30 * minute) },
  { method: 'GET', path: /^\/images\/get$/, budget: atLeast(30 * minute) },
  { method: 'POST', path: /^\/(?:images|containers|volumes|networks|build)\/prune$/, budget: atLeast(30 * minute) },
  { method: 'DELETE', path: /^\/images\/.+$/, budget: atLeast(5 * minute) },
  // An unknown volume driver alone takes ~15 s of plugin look-ups; remote drivers reach the network.
  { method: 'POST', path: /^\/volumes\/create$/, budget: atLeast(2 * minute) },
  // Deletes the volume's files.
  { method: 'DELETE', path: /^\/volumes\/.+$/, budget: atLeast(5 * minute) },
  // The engine asks the registry.
  { method: 'POST', path: /^\/auth$/, budget: atLeast(2 * minute) },
];

/** How long Berth waits for the engine's answer to this request, in ms; null: no limit. */
export function requestBudgetMs(request: EngineRequest, budgets: RequestBudgets): number | null {
  const method = request.method.toUpperCase();
  for (const rule of rules) {
    if (rule.method === method && rule.path.test(request.path)) return rule.budget(request.query, budgets);
  }
  return budgets.baseMs;
}
