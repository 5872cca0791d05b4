import type { ConnectionStatus, ContainerSummary, EngineEvent, ImageSummary } from '../../shared/engine-types.js';
import type { NetworkSummary } from '../../shared/network-types.js';

export function connectedStatus(generation = 1, patch: Partial<ConnectionStatus> = {}): ConnectionStatus {
  return {
    connectionId: 'local',
    state: 'connected',
    endpoint: 'unix:///var/run/docker.sock',
    engineVersion: '28.0.0',
    apiVersion: '1.48',
    generation,
    ...patch,
  };
}

export function disconnectedStatus(generation = 1): ConnectionStatus {
  return {
    connectionId: 'local',
    state: 'disconnected',
    endpoint: 'unix:///var/run/docker.sock',
    error: 'connect ENOENT /var/run/docker.sock',
    hint: 'Start Docker, then retry.',
    generation,
  };
}

export function container(patch: Partial<ContainerSummary> = {}): ContainerSummary {
  return {
    id: 'a'.repeat(64),
    name: 'web',
    image: 'nginx:latest',
    imageId: `sha256:${'b'.repeat(64)}`,
    command: 'nginx -g daemon off;',
    created: 1_700_000_000,
    state: 'running',
    status: 'Up 3 minutes',
    exitCode: null,
    ports: [],
    labels: {},
    ...patch,
  };
}

export function image(patch: Partial<ImageSummary> = {}): ImageSummary {
  return {
    id: `sha256:${'c'.repeat(64)}`,
    repoTags: ['nginx:latest'],
    repoDigests: [],
    created: 1_700_000_000,
    size: 7_049_000,
    containers: -1,
    labels: {},
    ...patch,
  };
}

export function event(type: string, action: string, id = 'x'): EngineEvent {
  return { type, action, id, timeNano: Date.now() * 1e6 };
}

export function network(patch: Partial<NetworkSummary> = {}): NetworkSummary {
  return {
    id: 'n1',
    name: 'lab',
    driver: 'bridge',
    scope: 'local',
    created: 1,
    internal: false,
    attachable: false,
    ingress: false,
    ipv6: false,
    builtIn: false,
    ipam: [],
    options: {},
    labels: {},
    containers: [],
    ...patch,
  };
}
