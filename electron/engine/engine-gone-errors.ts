/**
 * The OS error codes (from `net`, `dns` and `http` under dockerode) that mean the engine cannot be
 * reached at all, as opposed to an engine that answered with a refusal (those carry a statusCode).
 * One list, so the connection (which then reconnects) and the error mapping agree.
 */
export const engineGoneCodes: ReadonlySet<string> = new Set([
  'ENOENT', // no socket file at the path
  'EACCES', // the socket exists but this user may not open it
  'ECONNREFUSED', // nothing listens (socket left behind by a dead dockerd, or a closed TCP port)
  'ECONNRESET', // the engine dropped the connection mid-request ("socket hang up")
  'ECONNABORTED',
  'EPIPE', // the engine closed while we were still writing
  'ETIMEDOUT', // the OS gave up connecting (remote engine)
  'EHOSTUNREACH',
  'EHOSTDOWN',
  'ENETUNREACH',
  'ENETDOWN',
  'EAI_AGAIN', // DNS for a tcp:// or ssh:// host could not be resolved right now
  'ENOTFOUND', // DNS has no such host
]);

function codeOf(err: unknown): unknown {
  return typeof err === 'object' && err !== null ? (err as { code?: unknown }).code : undefined;
}

/** True when a failure means the engine is gone or unreachable (not an answer from the engine). */
export function isEngineGoneError(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  // An engine that answered, even with an error, is there.
  if (typeof (err as { statusCode?: unknown }).statusCode === 'number') return false;
  const code = codeOf(err);
  if (typeof code === 'string' && engineGoneCodes.has(code)) return true;
  // Node words a connection closed before any response this way, sometimes without a code.
  return err instanceof Error && err.message === 'socket hang up';
}
