import { describe, expect, it } from 'vitest';
import { toRpcError } from './to-rpc-error.js';

const socketError = (code: string, message: string): Error => Object.assign(new Error(message), { code });

describe('toRpcError', () => {
  it('maps engine HTTP errors to contract codes with the engine’s own words', () => {
    const inUse = Object.assign(new Error('(HTTP code 409) unexpected - remove db: volume is in use - [c1] '), {
      statusCode: 409,
      reason: 'conflict',
      json: { message: 'remove db: volume is in use - [c1]' },
    });
    expect(toRpcError(inUse)).toEqual({ code: 'CONFLICT', message: 'remove db: volume is in use - [c1]' });
    expect(toRpcError(Object.assign(new Error('x'), { statusCode: 404, reason: 'no such volume', json: null }))).toEqual({
      code: 'NOT_FOUND',
      message: 'no such volume',
    });
  });

  it('calls a remote engine whose network went away mid-request unavailable, as it does a closed socket', () => {
    for (const code of ['ECONNRESET', 'EPIPE', 'ENETUNREACH', 'ENETDOWN', 'EHOSTDOWN', 'ECONNABORTED']) {
      expect(toRpcError(socketError(code, `connect ${code} 10.0.0.5:2375`))).toEqual({
        code: 'ENGINE_UNAVAILABLE',
        message: `connect ${code} 10.0.0.5:2375`,
      });
    }
    expect(toRpcError(socketError('EWHATEVER', 'odd')).code).toBe('INTERNAL');
  });
});
