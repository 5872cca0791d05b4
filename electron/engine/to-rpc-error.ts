import { BerthError, type RpcErrorPayload } from '../../shared/errors.js';
import { ZodError } from 'zod';
import { boundedMessage, maxEchoChars } from './echo-safe.js';

interface EngineHttpError {
  statusCode?: number;
  reason?: string;
  json?: { message?: string } | null;
  message?: string;
  code?: string;
}

function engineMessage(err: EngineHttpError): string {
  const fromJson = err.json && typeof err.json.message === 'string' ? err.json.message : undefined;
  return fromJson ?? err.reason ?? err.message ?? 'The engine returned an error';
}

// The last four: a remote engine (DOCKER_HOST=tcp://...) whose network went away mid-request, so
// that a bulk removal stops there instead of trying every remaining volume in vain.
const unreachableCodes = new Set([
  'ENOENT',
  'ECONNREFUSED',
  'ECONNRESET',
  'EACCES',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'EHOSTDOWN',
  'ECONNABORTED',
]);

/** Turns anything thrown by a handler into the error payload the client receives. */
export function toRpcError(err: unknown): RpcErrorPayload {
  if (err instanceof BerthError) return err.toPayload();
  if (err instanceof ZodError) {
    const first = err.issues[0];
    // Keys and messages can quote the client's input (an unknown 4 MB key): both are cut short.
    const path = first
      ? first.path
          .slice(0, 32)
          .map((p) => (typeof p === 'symbol' ? String(p) : typeof p === 'string' ? boundedMessage(p, maxEchoChars) : p))
      : [];
    const where = path.length > 0 ? ` (at ${path.join('.')})` : '';
    return { code: 'BAD_REQUEST', message: boundedMessage(`${first?.message ?? 'Invalid payload'}${where}`), path };
  }
  if (typeof err === 'object' && err !== null) {
    const e = err as EngineHttpError;
    if (typeof e.statusCode === 'number') {
      const message = engineMessage(e);
      if (e.statusCode === 404) return { code: 'NOT_FOUND', message };
      if (e.statusCode === 409) return { code: 'CONFLICT', message };
      if (e.statusCode === 400) return { code: 'BAD_REQUEST', message };
      if (e.statusCode === 304)
        return {
          code: 'CONFLICT',
          message:
            message === 'container already started' || message === 'container already stopped' ? message : `Nothing to do: ${message}`,
        };
      return { code: 'ENGINE_ERROR', message };
    }
    if (typeof e.code === 'string' && unreachableCodes.has(e.code)) {
      return { code: 'ENGINE_UNAVAILABLE', message: e.message ?? `Cannot reach the Docker Engine (${e.code})` };
    }
  }
  const message = err instanceof Error ? err.message : String(err);
  return { code: 'INTERNAL', message };
}
