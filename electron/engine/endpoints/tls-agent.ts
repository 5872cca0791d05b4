import { readFileSync } from 'node:fs';
import { Agent } from 'node:https';
import { join } from 'node:path';
import type { EngineSpec } from '../../../shared/engine-spec.js';

type EngineTls = NonNullable<EngineSpec['tls']>;

/** The TLS files could not be read: which one, and why. */
export class TlsFilesError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TlsFilesError';
  }
}

function readPem(certPath: string, file: string, required: boolean): Buffer | undefined {
  const path = join(certPath, file);
  try {
    return readFileSync(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (!required && code === 'ENOENT') return undefined;
    const why =
      code === 'ENOENT'
        ? 'is missing'
        : code === 'EACCES'
          ? 'cannot be read (permission denied)'
          : `cannot be read (${code ?? String(err)})`;
    throw new TlsFilesError(`The TLS file ${path} ${why}; DOCKER_CERT_PATH must hold ca.pem, cert.pem and key.pem`);
  }
}

/**
 * An HTTPS agent holding the engine's TLS files, read the way the docker CLI reads DOCKER_CERT_PATH:
 * ca.pem, cert.pem and key.pem. With `verify` (DOCKER_TLS_VERIFY) the engine's certificate must chain
 * to ca.pem; without it the link is encrypted but the engine unchecked, as `docker --tls` does.
 * Keep-alive: requests reuse connections instead of paying a TLS handshake each.
 */
export function createTlsAgent(tls: EngineTls): Agent {
  const ca = readPem(tls.certPath, 'ca.pem', tls.verify);
  const cert = readPem(tls.certPath, 'cert.pem', false);
  const key = readPem(tls.certPath, 'key.pem', cert !== undefined);
  return new Agent({
    keepAlive: true,
    ...(ca ? { ca } : {}),
    ...(cert && key ? { cert, key } : {}),
    rejectUnauthorized: tls.verify,
  });
}
