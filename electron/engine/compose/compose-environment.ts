import type { EngineSpec } from '../../../shared/engine-spec.js';
import { sshConfigDump, sshConfigValue } from '../endpoints/ssh-config-dump.js';

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
export async function composeEnvironment(
  spec: Pick<EngineSpec, 'host' | 'tls'>,
  base: NodeJS.ProcessEnv = process.env,
  portOf: SshPortOf = sshConfigPort,
): Promise<NodeJS.ProcessEnv> {
  const env: NodeJS.ProcessEnv = { ...base };
  for (const name of overridden) delete env[name];
  env.DOCKER_HOST = await withSshPort(spec.host, (destination) => portOf(destination, base));
  if (spec.tls) {
    env.DOCKER_CERT_PATH = spec.tls.certPath;
    if (spec.tls.verify) env.DOCKER_TLS_VERIFY = '1';
  }
  // Plain output: no progress bars redrawn with escape sequences (the plugin), no colours.
  env.COMPOSE_ANSI = 'never';
  env.NO_COLOR = '1';
  return env;
}

/** The port ssh uses for a destination (`user@alias`), or undefined when it cannot be told. */
export type SshPortOf = (destination: string, env: NodeJS.ProcessEnv) => Promise<string | undefined>;

/** The port from `ssh -G` (the configuration ssh would use, ~/.ssh/config included), with Compose's own environment. */
export const sshConfigPort: SshPortOf = async (destination, env) => {
  try {
    const port = sshConfigValue(await sshConfigDump({ sshBinary: 'ssh', destination, env }), 'port');
    return port && /^\d+$/.test(port) ? port : undefined;
  } catch {
    return undefined;
  }
};

/**
 * An ssh:// address with the port written out. docker-compose 1.29's docker-py passes `-p 22` to
 * ssh for an address without a port, which overrides a `Port` in ~/.ssh/config: ssh://robot1 with
 * `Port 2222` in its Host block would dial port 22. The docker CLI passes no -p, so only Compose needs this.
 */
export async function withSshPort(host: string, portOf: (destination: string) => Promise<string | undefined>): Promise<string> {
  if (!host.startsWith('ssh://')) return host;
  let url: URL;
  try {
    url = new URL(host);
  } catch {
    return host;
  }
  if (url.port !== '' || url.hostname === '') return host;
  const port = await portOf(url.username ? `${decodeURIComponent(url.username)}@${url.hostname}` : url.hostname);
  if (port === undefined || port === '22') return host;
  url.port = port;
  return url.href;
}
