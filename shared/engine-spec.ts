import { z } from 'zod';

/** An engine's id in Berth: short, URL- and file-safe ('local', 'robot1', 'ctx-default'). */
export const engineIdSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9][a-z0-9._-]*$/, 'Use lower-case letters, digits, dots, dashes and underscores');
export type EngineId = z.infer<typeof engineIdSchema>;

/** TLS files as the docker CLI keeps them: a folder (DOCKER_CERT_PATH) holding ca.pem, cert.pem and key.pem. */
export const engineTlsSchema = z.strictObject({
  certPath: z.string().min(1).max(4096),
  /** DOCKER_TLS_VERIFY: check the engine's certificate against ca.pem. */
  verify: z.boolean(),
});

/**
 * Where one engine is and how it was found. `host` is DOCKER_HOST-style: unix:///path,
 * npipe:////./pipe/name, tcp://host:port, ssh://[user@]host[:port] (an ~/.ssh/config alias works
 * as the host). Plain tcp:// without TLS is only accepted on loopback.
 */
export const engineSpecSchema = z.strictObject({
  id: engineIdSchema,
  /** What the user calls it (a context's name, a robot's name). */
  name: z.string().min(1).max(64),
  host: z.string().min(1).max(1024),
  tls: engineTlsSchema.optional(),
  /**
   * - local: the platform socket; env: DOCKER_HOST; context: a docker CLI context (read from
   *   ~/.docker/contexts, never written); saved: added in Berth and kept in its config.
   */
  source: z.enum(['local', 'env', 'context', 'saved']),
  /** The docker CLI context's name, for `docker --context NAME …` lines. */
  contextName: z.string().max(256).optional(),
});
export type EngineSpec = z.infer<typeof engineSpecSchema>;

/** True for names that always mean this machine: localhost, the 127/8 block and ::1. */
export function isLoopbackHost(hostname: string): boolean {
  const name = hostname
    .trim()
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1');
  if (name === 'localhost' || name === '::1' || name === '0:0:0:0:0:0:0:1') return true;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(name);
}

/**
 * Why Berth will not connect to this engine as given, or undefined when it may. Plain tcp:// is
 * refused off loopback: the Docker API unencrypted and unauthenticated makes anyone on that
 * network root on that machine.
 */
export function engineHostRefusal(spec: Pick<EngineSpec, 'host' | 'tls'>): string | undefined {
  let url: URL;
  try {
    url = new URL(spec.host.trim());
  } catch {
    return `${spec.host} is not an engine address (use unix:///path, tcp://host:port or ssh://user@host)`;
  }
  if (!['unix:', 'npipe:', 'tcp:', 'http:', 'https:', 'ssh:'].includes(url.protocol)) {
    return `Unsupported engine address scheme ${url.protocol} (use unix://, tcp://, ssh:// or npipe://)`;
  }
  const plain = (url.protocol === 'tcp:' || url.protocol === 'http:') && spec.tls === undefined;
  if (plain && !isLoopbackHost(url.hostname)) {
    return (
      `Plain tcp:// without TLS is only allowed to this machine (loopback), not to ${url.hostname}: ` +
      'anyone on that network could use the engine, which means root on that machine. ' +
      'Use ssh://user@host, or tcp:// with TLS certificates (DOCKER_CERT_PATH).'
    );
  }
  return undefined;
}
