import type Docker from 'dockerode';
import { formatSeconds } from './engine-request-timeouts.js';

/** Where a connection reaches its engine, in the form `DOCKER_HOST` uses. */
export interface EngineEndpoint {
  /** e.g. unix:///var/run/docker.sock or tcp://robot.local:2376 */
  readonly display: string;
  readonly options: Docker.DockerOptions;
}

const defaultSocket = '/var/run/docker.sock';

/**
 * Reads a DOCKER_HOST-style string (unix://, tcp://, http(s)://, npipe://) into dockerode options.
 * Without one, the platform's default socket is used.
 */
export function resolveEndpoint(dockerHost: string | undefined): EngineEndpoint {
  const value = dockerHost?.trim();
  if (!value) {
    if (process.platform === 'win32') {
      return { display: 'npipe:////./pipe/docker_engine', options: { socketPath: '//./pipe/docker_engine' } };
    }
    return { display: `unix://${defaultSocket}`, options: { socketPath: defaultSocket } };
  }
  const url = new URL(value);
  switch (url.protocol) {
    case 'unix:':
      return { display: value, options: { socketPath: url.pathname } };
    case 'npipe:':
      return { display: value, options: { socketPath: url.pathname.replace(/^\/+/, '//') } };
    case 'tcp:':
    case 'http:':
    case 'https:': {
      const tls = url.protocol === 'https:' || process.env.DOCKER_TLS_VERIFY === '1';
      const port = url.port ? Number(url.port) : tls ? 2376 : 2375;
      return { display: value, options: { host: url.hostname, port, protocol: tls ? 'https' : 'http' } };
    }
    case 'ssh:':
      return {
        display: value,
        options: { host: url.hostname, port: url.port ? Number(url.port) : 22, protocol: 'ssh', username: url.username || undefined },
      };
    default:
      throw new Error(`Unsupported DOCKER_HOST scheme ${url.protocol} (use unix://, tcp://, ssh:// or npipe://)`);
  }
}

/** A short explanation of a connection failure and what the user can do about it. */
export function explainConnectionError(err: unknown, endpoint: EngineEndpoint): { error: string; hint: string } {
  const code = typeof err === 'object' && err !== null ? (err as { code?: unknown }).code : undefined;
  const message = err instanceof Error ? err.message : String(err);
  switch (code) {
    case 'ENOENT':
      return {
        error: `No Docker Engine socket at ${endpoint.display}`,
        hint: 'Start the engine (sudo systemctl start docker, or sudo dockerd), or point DOCKER_HOST at a running one.',
      };
    case 'EACCES':
      return {
        error: `Permission denied opening ${endpoint.display}`,
        hint: 'Add your user to the docker group (sudo usermod -aG docker $USER, then log in again) or run Berth as a user that may use the engine.',
      };
    case 'ECONNREFUSED':
      return {
        error: `Nothing answers at ${endpoint.display}`,
        hint: 'The engine is not running or is still starting. Start it, then press Retry.',
      };
    case 'ETIMEDOUT':
    case 'EHOSTUNREACH':
      return {
        error: `The engine at ${endpoint.display} does not answer (${code})`,
        hint: 'Check the network path to the engine and DOCKER_HOST.',
      };
    default:
      return { error: message, hint: 'Check that the Docker Engine is running and DOCKER_HOST is right, then press Retry.' };
  }
}

/** What a request that ran out of time tells about the engine, and what to check. */
export function explainSilence(timeout: { request: string; timeoutMs: number }, endpoint: EngineEndpoint): { error: string; hint: string } {
  const within = formatSeconds(timeout.timeoutMs);
  const local = endpoint.display.startsWith('unix:') || endpoint.display.startsWith('npipe:');
  const isDefault = endpoint.display === resolveEndpoint(undefined).display;
  const cli = isDefault ? '`docker info`' : `\`docker -H ${endpoint.display} info\``;
  if (local) {
    return {
      error: `The Docker Engine at ${endpoint.display} accepted the connection but did not answer ${timeout.request} within ${within}`,
      hint: `Is dockerd hung? Try ${cli} in a terminal; if that hangs too, restart the engine (\`sudo systemctl restart docker\`). Berth pings the engine and carries on by itself once it answers.`,
    };
  }
  return {
    error: `The Docker Engine at ${endpoint.display} did not answer ${timeout.request} within ${within}`,
    hint: `Check the network path to the engine, and whether dockerd there is hung: try ${cli}. Berth pings the engine and carries on by itself once it answers.`,
  };
}
