import type Docker from 'dockerode';
import { readFileSync } from 'node:fs';
import type { Agent } from 'node:http';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { engineHostRefusal, type EngineSpec } from '../../shared/engine-spec.js';
import { formatSeconds } from './engine-request-timeouts.js';
import { openSshHostKeyGate, ssh2HostKeys, type HostKeyGate } from './endpoints/host-key-gate.js';
import { isSshDialError } from './endpoints/ssh-failure.js';
import { SshAskpass, type PassphrasePrompter } from './endpoints/ssh-askpass.js';
import { SshDialAgent, defaultControlDir } from './endpoints/ssh-dial-agent.js';
import { findSshBinary, parseSshHost, type SshTarget } from './endpoints/ssh-target.js';
import { TlsFilesError, createTlsAgent } from './endpoints/tls-agent.js';
import { explainTlsError } from './endpoints/tls-errors.js';

/** How the connection reaches the engine: a local socket, plain TCP (loopback only), TCP with TLS, or SSH. */
export type EngineTransport = 'socket' | 'tcp' | 'tls' | 'ssh';

/** Where a connection reaches its engine, in the form `DOCKER_HOST` uses. */
export interface EngineEndpoint {
  /** e.g. unix:///var/run/docker.sock or tcp://robot.local:2376 */
  readonly display: string;
  readonly options: Docker.DockerOptions & { agent?: Agent };
  /** The HTTP(S) agent holding this endpoint's connections (TLS, SSH), to destroy when the connection closes. */
  readonly agent?: Agent;
  /** How it is reached (a local socket when absent). */
  readonly transport?: EngineTransport;
  /** For ssh:// engines: who to ask OpenSSH for. */
  readonly ssh?: SshTarget;
  /** For ssh:// engines: tells a refused host key (unknown or changed) and adds one the user accepted. */
  readonly hostKeys?: HostKeyGate;
  /** Why Berth will not connect as given (plain tcp:// off loopback, unreadable TLS files); nothing is dialled. */
  readonly refusal?: string;
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
      return { display: 'npipe:////./pipe/docker_engine', options: { socketPath: '//./pipe/docker_engine' }, transport: 'socket' };
    }
    return { display: `unix://${defaultSocket}`, options: { socketPath: defaultSocket }, transport: 'socket' };
  }
  const url = new URL(value);
  switch (url.protocol) {
    case 'unix:':
      return { display: value, options: { socketPath: url.pathname }, transport: 'socket' };
    case 'npipe:':
      return { display: value, options: { socketPath: url.pathname.replace(/^\/+/, '//') }, transport: 'socket' };
    case 'tcp:':
    case 'http:':
    case 'https:': {
      const tls = url.protocol === 'https:' || process.env.DOCKER_TLS_VERIFY === '1';
      const port = url.port ? Number(url.port) : tls ? 2376 : 2375;
      return { display: value, options: { host: url.hostname, port, protocol: tls ? 'https' : 'http' }, transport: tls ? 'tls' : 'tcp' };
    }
    case 'ssh:':
      return {
        display: value,
        options: { host: url.hostname, port: url.port ? Number(url.port) : 22, protocol: 'ssh', username: url.username || undefined },
        transport: 'ssh',
      };
    default:
      throw new Error(`Unsupported DOCKER_HOST scheme ${url.protocol} (use unix://, tcp://, ssh:// or npipe://)`);
  }
}

export interface SpecEndpointOptions {
  /** An ssh config file to use instead of ~/.ssh/config (`ssh -F`), for ssh:// engines. */
  sshConfigFile?: string;
  /** The ssh program; null: act as if there were none (dockerode's ssh2 path). Found on PATH by default. */
  sshBinary?: string | null;
  /** Asks the user for an SSH key's passphrase (ssh's askpass); without it ssh runs in BatchMode (the agent only). */
  askPassphrase?: PassphrasePrompter;
}

function refused(spec: EngineSpec, transport: EngineTransport, refusal: string): EngineEndpoint {
  // Nothing is dialled: the socket path only gives dockerode something to hold.
  return { display: spec.host, options: { socketPath: '/nonexistent/berth-refused' }, transport, refusal };
}

/** The first of the default private key files that exists (ssh2 takes one key). */
function defaultKeyFile(sshHome: string): Buffer | undefined {
  for (const name of ['id_ed25519', 'id_ecdsa', 'id_rsa']) {
    try {
      return readFileSync(join(sshHome, name));
    } catch {
      // not this one
    }
  }
  return undefined;
}

function sshEndpoint(spec: EngineSpec, options: SpecEndpointOptions): EngineEndpoint {
  const target = parseSshHost(spec.host, options.sshConfigFile);
  const sshBinary = options.sshBinary === undefined ? findSshBinary() : options.sshBinary;
  if (sshBinary) {
    const askpass = options.askPassphrase ? new SshAskpass(spec.host, options.askPassphrase) : undefined;
    const agent = new SshDialAgent(target, { sshBinary, controlDir: defaultControlDir(), askpass });
    const hostKeys = openSshHostKeyGate(target, sshBinary);
    // The host name only fills the HTTP request line: every connection is an ssh process.
    return { display: spec.host, options: { host: 'docker', protocol: 'http', agent }, agent, transport: 'ssh', ssh: target, hostKeys };
  }
  // No OpenSSH here: dockerode's own SSH client (it reads no ssh config), with the agent or the
  // first default key file, and known_hosts checked (ssh2 alone would accept any host key).
  const sshHome = join(homedir(), '.ssh');
  const knownHosts = ssh2HostKeys(target.host, target.port, join(sshHome, 'known_hosts'));
  const agentSocket = process.env.SSH_AUTH_SOCK;
  const privateKey = agentSocket ? undefined : defaultKeyFile(sshHome);
  return {
    display: spec.host,
    options: {
      host: target.host,
      port: target.port ?? 22,
      protocol: 'ssh',
      ...(target.user ? { username: target.user } : {}),
      sshOptions: {
        hostVerifier: knownHosts.verify,
        ...(agentSocket ? { agent: agentSocket } : {}),
        ...(privateKey ? { privateKey } : {}),
      },
    },
    transport: 'ssh',
    ssh: target,
    hostKeys: knownHosts.gate,
  };
}

/**
 * How to reach the engine a spec names: the local socket, TCP with the TLS files of its certPath,
 * plain TCP on loopback only, or SSH through the system's OpenSSH (`ssh … docker system dial-stdio`,
 * as the docker CLI does). A spec Berth will not use comes back with `refusal` set.
 */
export function endpointForSpec(spec: EngineSpec, options: SpecEndpointOptions = {}): EngineEndpoint {
  const host = spec.host.trim();
  const scheme = /^([a-z0-9+.-]+):/i.exec(host)?.[1]?.toLowerCase();
  const transport: EngineTransport =
    scheme === 'ssh' ? 'ssh' : scheme === 'unix' || scheme === 'npipe' ? 'socket' : spec.tls ? 'tls' : 'tcp';
  const refusal = engineHostRefusal(spec);
  if (refusal) return refused(spec, transport, refusal);
  if (transport === 'ssh') {
    try {
      return sshEndpoint(spec, options);
    } catch (err) {
      // An ssh:// address with a path, or no host: said on connecting, like every other refusal.
      return refused(spec, 'ssh', (err as Error).message);
    }
  }
  if (transport === 'socket') return resolveEndpoint(host);
  const url = new URL(host);
  if (!spec.tls) {
    const https = url.protocol === 'https:';
    const port = url.port ? Number(url.port) : https ? 2376 : 2375;
    return { display: host, options: { host: url.hostname, port, protocol: https ? 'https' : 'http' }, transport: https ? 'tls' : 'tcp' };
  }
  try {
    const agent = createTlsAgent(spec.tls);
    const port = url.port ? Number(url.port) : 2376;
    return { display: host, options: { host: url.hostname, port, protocol: 'https', agent }, agent, transport: 'tls' };
  } catch (err) {
    if (err instanceof TlsFilesError) return refused(spec, 'tls', err.message);
    throw err;
  }
}

/** The environment variables the docker CLI reads to find its engine. */
export interface DockerHostEnv {
  DOCKER_HOST?: string | undefined;
  DOCKER_TLS_VERIFY?: string | undefined;
  DOCKER_CERT_PATH?: string | undefined;
  HOME?: string | undefined;
}

/**
 * The engine a DOCKER_HOST string means, with the TLS files DOCKER_TLS_VERIFY and DOCKER_CERT_PATH
 * name (~/.docker when unset, as the CLI does). Undefined host: the platform's local socket.
 */
export function engineSpecFromDockerHost(dockerHost: string | undefined, env: DockerHostEnv = process.env): EngineSpec {
  const host = dockerHost?.trim() || resolveEndpoint(undefined).display;
  const tcp = /^(tcp|https?):/i.test(host);
  const verify = env.DOCKER_TLS_VERIFY !== undefined && env.DOCKER_TLS_VERIFY !== '' && env.DOCKER_TLS_VERIFY !== '0';
  const certPath = env.DOCKER_CERT_PATH?.trim() || (env.HOME ? `${env.HOME}/.docker` : undefined);
  const local = !dockerHost?.trim();
  return {
    id: local ? 'local' : 'env',
    name: local ? 'local' : 'DOCKER_HOST',
    host,
    ...(tcp && verify && certPath ? { tls: { certPath, verify: true } } : {}),
    source: local ? 'local' : 'env',
  };
}

/** A short explanation of a connection failure and what the user can do about it. */
export function explainConnectionError(err: unknown, endpoint: EngineEndpoint): { error: string; hint: string } {
  if (isSshDialError(err)) return { error: err.message, hint: err.hint };
  const tls = explainTlsError(err, endpoint.display);
  if (tls) return { error: tls.error, hint: tls.hint };
  if (err instanceof Error && /Client sent an HTTP request to an HTTPS server/i.test(err.message)) {
    return { error: `The engine at ${endpoint.display} wants TLS`, hint: 'Give its TLS files (DOCKER_CERT_PATH, DOCKER_TLS_VERIFY=1).' };
  }
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
