import { BerthError, type ErrorCode } from '../../../shared/errors.js';
import type { Failure, FailureReason } from '../../../shared/image-types.js';

export interface RegistryContext {
  operation: 'pull' | 'push' | 'login' | 'build';
  /** The registry host the operation talks to ("Docker Hub" for docker.io). */
  registry: string;
  /** The reference, for messages. */
  reference?: string;
  /** The username Berth sent, if it sent credentials. */
  username?: string;
  /** Why Berth had no credentials to send, when the docker config's credential helper failed. */
  credentialProblem?: string;
}

interface Rule {
  test: RegExp;
  code: ErrorCode;
  reason: FailureReason;
  explain: (ctx: RegistryContext, raw: string) => string;
}

// Ordered: the first rule whose pattern matches the engine's message wins.
const rules: Rule[] = [
  {
    test: /invalid reference format/i,
    code: 'BAD_REQUEST',
    reason: 'invalid-input',
    explain: (c, raw) => `"${c.reference ?? ''}" is not a valid image reference: ${raw}`,
  },
  {
    test: /login attempt to .* failed with status: 40[13]/i,
    code: 'UNAUTHORIZED',
    reason: 'unauthorized',
    explain: (c) => `Wrong username or password for ${c.registry}${c.username ? ` (user ${c.username})` : ''}`,
  },
  {
    // Docker Hub answers the same for a missing repository and a private one.
    test: /pull access denied .*repository does not exist or may require/i,
    code: 'NOT_FOUND',
    reason: 'not-found',
    explain: (c, raw) => `${c.reference ?? 'The image'} was not found on ${c.registry}, or it is private and needs a login (${raw})`,
  },
  {
    // A registry in read-only mode (distribution's maintenance.readonly, a pull mirror) has no upload
    // endpoints: the engine reports "error parsing HTTP 405 response body: … "Method not allowed"".
    // Harbor and others say "read only" in words. No credentials change that.
    test: /\bHTTP 405\b|method not allowed|\bread[- ]only mode\b/i,
    code: 'REGISTRY_REFUSED',
    reason: 'refused',
    explain: (c, raw) =>
      `${c.registry} refused the ${c.operation}${c.reference ? ` of ${c.reference}` : ''}: the registry is read-only (it accepts pulls, not pushes), so logging in would not help (${
        /\bHTTP 405\b/i.test(raw) ? 'it answered the upload with HTTP 405 Method not allowed' : raw
      })`,
  },
  {
    test: /no basic auth credentials|authentication required|unauthorized|denied|forbidden|\b401\b|\b403\b/i,
    code: 'UNAUTHORIZED',
    reason: 'unauthorized',
    explain: (c, raw) =>
      c.username
        ? `${c.registry} refused the credentials of ${c.username}${c.operation === 'push' ? ', or that account may not push here' : ''}: ${raw}`
        : `${c.registry} needs a login to ${c.operation} ${c.reference ?? ''}: log in to ${c.registry} first (${raw})`.replace('  ', ' ') +
          (c.credentialProblem ? `. The docker CLI's credentials for it could not be read: ${c.credentialProblem}` : ''),
  },
  {
    test: /manifest unknown|not found|does not exist|no such image|An image does not exist locally/i,
    code: 'NOT_FOUND',
    reason: 'not-found',
    explain: (c, raw) =>
      c.operation === 'push'
        ? `No local image ${c.reference ?? ''} to push: ${raw}`
        : `${c.reference ?? 'The image'} was not found on ${c.registry}: ${raw}`,
  },
  {
    test: /HTTP response to HTTPS client/i,
    code: 'ENGINE_ERROR',
    reason: 'unreachable',
    explain: (c, raw) => `${c.registry} speaks plain HTTP: add it to "insecure-registries" in the engine's daemon.json to use it (${raw})`,
  },
  {
    test: /connection refused|no such host|i\/o timeout|timeout|network is unreachable|connection reset|x509|certificate|EOF$/i,
    code: 'ENGINE_ERROR',
    reason: 'unreachable',
    explain: (c, raw) => `Cannot reach the registry ${c.registry}: ${raw}`,
  },
];

/** Turns the engine's words about a registry operation into a failure a user can act on. */
export function explainRegistryFailure(raw: string, ctx: RegistryContext): Failure {
  const rule = rules.find((r) => r.test.test(raw));
  if (!rule) return { code: 'ENGINE_ERROR', reason: 'engine', message: raw };
  return { code: rule.code, reason: rule.reason, message: rule.explain(ctx, raw) };
}

/** The message of an error thrown by dockerode (HTTP status with a JSON body) or by Node. */
export function engineErrorText(err: unknown): string {
  if (typeof err === 'object' && err !== null) {
    const e = err as { json?: { message?: unknown } | null; reason?: unknown; message?: unknown };
    if (e.json && typeof e.json.message === 'string') return e.json.message;
    if (typeof e.message === 'string') return e.message.replace(/^\(HTTP code \d+\) [\w ]+ - /, '').trim();
    if (typeof e.reason === 'string') return e.reason;
  }
  return String(err);
}

/** Whether an error is the engine being gone (not the registry): those keep their own codes. */
export function isEngineConnectionError(err: unknown): boolean {
  const code = typeof err === 'object' && err !== null ? (err as { code?: unknown }).code : undefined;
  return code === 'ECONNREFUSED' || code === 'ENOENT' || code === 'ECONNRESET' || code === 'EPIPE';
}

/** The error a failed call throws, or a failed stream ends with, for a failure. */
export function failureError(failure: Failure): BerthError {
  return new BerthError({ code: failure.code, message: failure.message });
}

/**
 * Explains anything a registry operation threw: Berth's own errors (engine unavailable, bad
 * input) keep their code; the engine's words about the registry go through the rules above.
 */
export function registryFailureOf(err: unknown, ctx: RegistryContext): Failure {
  if (err instanceof BerthError)
    return { code: err.code, reason: err.code === 'BAD_REQUEST' ? 'invalid-input' : 'engine', message: err.message };
  if (isEngineConnectionError(err))
    return { code: 'ENGINE_UNAVAILABLE', reason: 'engine', message: `Lost the Docker Engine: ${engineErrorText(err)}` };
  return explainRegistryFailure(engineErrorText(err), ctx);
}
