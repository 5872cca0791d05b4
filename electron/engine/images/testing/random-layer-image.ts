// A test fixture only (integration and e2e tests import it): images whose layers are random bytes,
// built by the real engine, so a registry transfer moves every byte (random data does not compress).
import { execFileSync } from 'node:child_process';

export interface RandomLayer {
  /** Files in the layer: many small files make the engine's extraction take visibly long. */
  files: number;
  /** Random bytes in each file. */
  fileBytes: number;
}

function docker(args: string[], input?: string): string {
  return execFileSync('docker', args, { encoding: 'utf8', input, stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] }).trim();
}

/** `docker build` of `from` plus one layer per entry of `layers`; returns the image ID. Labelled as a test fixture. */
export function buildRandomLayerImage(reference: string, from: string, layers: readonly RandomLayer[]): string {
  const runs = layers.map(
    ({ files, fileBytes }, i) =>
      `RUN mkdir -p /random-${i} && for n in $(seq ${files}); do head -c ${fileBytes} /dev/urandom > /random-${i}/f$n; done`,
  );
  const dockerfile = [`FROM ${from}`, ...runs, 'LABEL berth.test-fixture=true', ''].join('\n');
  return docker(['build', '-q', '-t', reference, '-'], dockerfile);
}

/** Pushes `reference` (a registry reachable directly, e.g. 127.0.0.1:5000) and removes it locally, so a pull must fetch it again. */
export function pushAndRemoveLocally(reference: string): void {
  docker(['push', '-q', reference]);
  docker(['rmi', reference]);
}

/** The layer IDs the engine shows in pull progress (12 hex digits of each compressed layer's digest), from the registry's manifest. */
export async function registryLayerIds(registry: string, repository: string, tag: string): Promise<string[]> {
  const response = await fetch(`http://${registry}/v2/${repository}/manifests/${tag}`, {
    headers: { accept: 'application/vnd.docker.distribution.manifest.v2+json' },
  });
  if (!response.ok) throw new Error(`The registry ${registry} has no manifest for ${repository}:${tag} (${response.status})`);
  const manifest = (await response.json()) as { layers?: Array<{ digest: string; size: number }> };
  return (manifest.layers ?? []).map((l) => l.digest.replace(/^sha256:/, '').slice(0, 12));
}

/** Removes images by reference or ID, ignoring ones already gone. */
export function removeImagesQuietly(references: Iterable<string>): void {
  for (const reference of references) {
    try {
      docker(['rmi', '-f', reference]);
    } catch {
      // Already gone.
    }
  }
}
