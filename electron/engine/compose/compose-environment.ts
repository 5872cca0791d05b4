import type { EngineSpec } from '../../../shared/engine-spec.js';

/** Variables that would point Compose elsewhere or change what it reads; the call's arguments decide instead. */
const overridden = [
  'DOCKER_HOST',
  'DOCKER_CONTEXT',
  'DOCKER_TLS_VERIFY',
  'DOCKER_CERT_PATH',
  'COMPOSE_FILE',
  'COMPOSE_PROJECT_NAME',
  'COMPOSE_PROFILES',
  'COMPOSE_PATH_SEPARATOR',
];

/**
 * The environment Compose runs with for the engine of `spec`: DOCKER_HOST from its address (a
 * CLI context's too, so both programs reach the same engine), and for TLS DOCKER_TLS_VERIFY and
 * DOCKER_CERT_PATH. For ssh:// engines docker-compose 1.29 dials through the system's ssh (unless
 * COMPOSE_PARAMIKO_SSH=1) with the user's own ssh configuration, but its docker-py still refuses
 * ssh:// unless Python's paramiko is installed (Debian: python3-paramiko).
 */
export function composeEnvironment(spec: Pick<EngineSpec, 'host' | 'tls'>, base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...base };
  for (const name of overridden) delete env[name];
  env.DOCKER_HOST = spec.host;
  if (spec.tls) {
    env.DOCKER_CERT_PATH = spec.tls.certPath;
    if (spec.tls.verify) env.DOCKER_TLS_VERIFY = '1';
  }
  // Plain output: no progress bars redrawn with escape sequences (the plugin), no colours.
  env.COMPOSE_ANSI = 'never';
  env.NO_COLOR = '1';
  return env;
}
