import type { ImageReferenceParts } from '../../../shared/image-types.js';

/** The key Docker uses for Docker Hub credentials, in config.json and in X-Registry-Auth. */
export const dockerHubAddress = 'https://index.docker.io/v1/';
const dockerHubAliases = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io', 'registry.hub.docker.com']);

/**
 * One spelling per registry, so credentials saved as `https://127.0.0.1:5001/` are found for
 * `127.0.0.1:5001/robot/base`: no scheme, no path, lowercase host; Docker Hub as the CLI spells it.
 */
export function normalizeRegistryAddress(address: string): string {
  const host = address
    .trim()
    .replace(/^[a-z]+:\/\//i, '')
    .replace(/\/.*$/, '')
    .toLowerCase();
  return dockerHubAliases.has(host) ? dockerHubAddress : host;
}

/** The registry a reference lives in, normalised as above. */
export function registryOf(parts: ImageReferenceParts): string {
  return parts.registry === null ? dockerHubAddress : normalizeRegistryAddress(parts.registry);
}

/** How to name a registry in messages. */
export function displayRegistry(address: string): string {
  return address === dockerHubAddress ? 'Docker Hub' : address;
}
