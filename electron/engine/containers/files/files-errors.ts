import { BerthError } from '../../../../shared/errors.js';
import { toRpcError } from '../../to-rpc-error.js';

/**
 * Turns what the engine says about a path into a message a user can act on. The engine answers
 * 404 both for a missing container and a missing path; callers inspect the container first, so a
 * 404 here means the path (unless the container was removed meanwhile, which its message says).
 */
export function fileError(err: unknown, container: string, path: string): BerthError {
  if (err instanceof BerthError) return err;
  const payload = toRpcError(err);
  const text = payload.message;
  if (/no such container/i.test(text) && !/could not find/i.test(text)) {
    return new BerthError({ code: 'NOT_FOUND', message: `The container ${container} no longer exists (removed meanwhile?)` });
  }
  if (payload.code === 'NOT_FOUND') return noSuchPath(container, path);
  if (/read-only/i.test(text)) {
    return new BerthError({
      code: 'CONFLICT',
      message: `${container} has a read-only root filesystem (docker run --read-only): nothing can be written to ${path}`,
    });
  }
  if (/no space left on device/i.test(text)) {
    return new BerthError({ code: 'ENGINE_ERROR', message: `No space left in ${container} where ${path} is (the disk or volume is full)` });
  }
  if (/permission denied/i.test(text)) return permissionDenied(path);
  if (/not a directory/i.test(text)) return notADirectory(path);
  return new BerthError({ ...payload, message: `${path}: ${text}` });
}

export function noSuchPath(container: string, path: string): BerthError {
  return new BerthError({ code: 'NOT_FOUND', message: `No such file or folder in ${container}: ${path}`, path: [path] });
}

export function notADirectory(path: string): BerthError {
  return new BerthError({ code: 'BAD_REQUEST', message: `Not a folder: ${path}`, path: [path] });
}

export function permissionDenied(path: string): BerthError {
  return new BerthError({ code: 'ENGINE_ERROR', message: `Permission denied: ${path}`, path: [path] });
}

export function containerGone(container: string): BerthError {
  return new BerthError({ code: 'NOT_FOUND', message: `The container ${container} no longer exists (removed meanwhile?)` });
}
