import type { EngineSpec } from '../../../shared/engine-spec.js';

const defaultSockets = new Set(['unix:///var/run/docker.sock', 'npipe:////./pipe/docker_engine']);

/**
 * The words that start a `docker` command aimed at this engine, as a user would type them:
 * `docker` for the local default socket, `docker --context NAME` for a CLI context, otherwise the
 * DOCKER_HOST (and TLS) variables before `docker`.
 */
export function describeEngineHost(spec: Pick<EngineSpec, 'host' | 'tls' | 'source' | 'contextName'>): string[] {
  if (spec.source === 'context' && spec.contextName) return ['docker', '--context', spec.contextName];
  if (defaultSockets.has(spec.host) && spec.tls === undefined) return ['docker'];
  const words = [`DOCKER_HOST=${spec.host}`];
  if (spec.tls) {
    // DOCKER_TLS alone: encrypted, the engine's certificate unchecked (docker --tls).
    words.push(spec.tls.verify ? 'DOCKER_TLS_VERIFY=1' : 'DOCKER_TLS=1');
    words.push(`DOCKER_CERT_PATH=${spec.tls.certPath}`);
  }
  words.push('docker');
  return words;
}
