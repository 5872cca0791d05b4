import type { ImageSummaryDetail } from '../../../shared/image-types.js';

/** The parts of the engine's image inspect document the summary reads; everything may be missing. */
export interface RawImageInspect {
  Id?: string;
  RepoTags?: string[] | null;
  RepoDigests?: string[] | null;
  Created?: string;
  Author?: string;
  Architecture?: string;
  Os?: string;
  Variant?: string;
  Size?: number;
  RootFS?: { Layers?: string[] };
  Config?: {
    Entrypoint?: string[] | string | null;
    Cmd?: string[] | string | null;
    Env?: string[] | null;
    ExposedPorts?: Record<string, unknown> | null;
    Volumes?: Record<string, unknown> | null;
    Labels?: Record<string, string> | null;
    WorkingDir?: string;
    User?: string;
  } | null;
}

function words(value: string[] | string | null | undefined): string[] {
  if (value === null || value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/** What a person wants to know about an image, from its inspect document. */
export function summarizeInspect(raw: RawImageInspect): ImageSummaryDetail {
  const config = raw.Config ?? {};
  return {
    id: raw.Id ?? '',
    repoTags: raw.RepoTags ?? [],
    repoDigests: raw.RepoDigests ?? [],
    created: raw.Created ?? '',
    architecture: raw.Architecture ?? '',
    os: raw.Os ?? '',
    variant: raw.Variant ?? null,
    author: raw.Author ?? '',
    entrypoint: words(config.Entrypoint),
    cmd: words(config.Cmd),
    workingDir: config.WorkingDir ?? '',
    user: config.User ?? '',
    env: (config.Env ?? []).map((entry) => {
      const eq = entry.indexOf('=');
      return eq < 0 ? { name: entry, value: '' } : { name: entry.slice(0, eq), value: entry.slice(eq + 1) };
    }),
    exposedPorts: Object.keys(config.ExposedPorts ?? {}).sort(),
    volumes: Object.keys(config.Volumes ?? {}).sort(),
    labels: config.Labels ?? {},
    size: raw.Size ?? 0,
    layers: raw.RootFS?.Layers?.length ?? 0,
  };
}
