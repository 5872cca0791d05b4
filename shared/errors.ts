import { z } from 'zod';

/** Every failure that crosses the contract carries one of these codes. */
export const errorCodeSchema = z.enum([
  'BAD_REQUEST', // the payload did not match the contract
  'UNKNOWN_CALL', // no such call or stream in the contract
  'NOT_FOUND', // the engine has no such object
  'CONFLICT', // the engine refused because of the object's state (already started, in use, ...)
  'ENGINE_UNAVAILABLE', // no engine answers at the configured endpoint
  'ENGINE_ERROR', // the engine answered with an error not covered above
  'FORBIDDEN', // the transport does not allow this call
  'LIMIT_REACHED', // a bound Berth keeps per client or per server (open streams, stats streams, frame size) was reached
  'UNAUTHORIZED', // a registry wants credentials, or rejected the ones Berth sent (wrong password, no push rights)
  'REGISTRY_REFUSED', // a registry refuses the operation whatever the credentials (read-only, a pull mirror): logging in does not help
  'INTERNAL', // a bug in Berth
]);
export type ErrorCode = z.infer<typeof errorCodeSchema>;

export const rpcErrorSchema = z.object({
  code: errorCodeSchema,
  message: z.string(),
  /** Where the problem is, e.g. the input field a validation error points to. */
  path: z.array(z.union([z.string(), z.number()])).optional(),
});
export type RpcErrorPayload = z.infer<typeof rpcErrorSchema>;

/** The error a client throws when a call fails: the server's code and message survive the trip. */
export class BerthError extends Error {
  readonly code: ErrorCode;
  readonly path: ReadonlyArray<string | number> | undefined;

  constructor(payload: RpcErrorPayload) {
    super(payload.message);
    this.name = 'BerthError';
    this.code = payload.code;
    this.path = payload.path;
  }

  toPayload(): RpcErrorPayload {
    return { code: this.code, message: this.message, ...(this.path ? { path: [...this.path] } : {}) };
  }
}

export function isBerthError(value: unknown): value is BerthError {
  return value instanceof BerthError;
}
