import { describe, expect, it } from 'vitest';
import { isEngineGoneError } from './engine-gone-errors.js';

const withCode = (code: string, message = 'x'): Error => Object.assign(new Error(message), { code });

describe('errors that mean the engine is gone', () => {
  it('knows the socket, network and DNS failures', () => {
    for (const code of [
      'ENOENT',
      'EACCES',
      'ECONNREFUSED',
      'ECONNRESET',
      'EPIPE',
      'ETIMEDOUT',
      'EHOSTUNREACH',
      'ENETUNREACH',
      'EAI_AGAIN',
      'ENOTFOUND',
    ]) {
      expect(isEngineGoneError(withCode(code)), code).toBe(true);
    }
    expect(isEngineGoneError(new Error('socket hang up'))).toBe(true);
  });

  it('does not take an engine that answered, or other failures, for a gone engine', () => {
    expect(isEngineGoneError(Object.assign(withCode('ECONNRESET'), { statusCode: 500 }))).toBe(false);
    expect(isEngineGoneError(Object.assign(new Error('(HTTP code 404) no such container'), { statusCode: 404 }))).toBe(false);
    expect(isEngineGoneError(withCode('ERR_INVALID_ARG_TYPE'))).toBe(false);
    expect(isEngineGoneError('ECONNREFUSED')).toBe(false);
    expect(isEngineGoneError(undefined)).toBe(false);
  });
});
