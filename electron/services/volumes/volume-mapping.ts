import { z } from 'zod';
import { containerStateSchema } from '../../../shared/engine-types.js';
import type { VolumeSummary, VolumeUser } from '../../../shared/volume-types.js';

// The engine's JSON is checked here, not trusted: a field missing on some engine version becomes
// an empty value instead of a crash further on.

const engineVolumeSchema = z.object({
  Name: z.string(),
  Driver: z.string().catch(''),
  Scope: z.string().catch('local'),
  CreatedAt: z.string().optional().catch(undefined),
  Mountpoint: z.string().catch(''),
  Labels: z.record(z.string(), z.string()).nullable().optional().catch(null),
  Options: z.record(z.string(), z.string()).nullable().optional().catch(null),
});

const engineMountSchema = z.object({
  Type: z.string().optional(),
  Name: z.string().optional(),
  Destination: z.string().catch(''),
  RW: z.boolean().optional(),
});

const engineContainerSchema = z.object({
  Id: z.string(),
  Names: z.array(z.string()).nullable().optional(),
  State: z.string().optional(),
  Mounts: z.array(engineMountSchema).nullable().optional(),
});

/**
 * Which containers mount each volume, from one `GET /containers/json?all=1` (its `Mounts` carry
 * the volume's name), instead of one inspect per volume.
 */
export function volumeUsers(containers: readonly unknown[]): Map<string, VolumeUser[]> {
  const users = new Map<string, VolumeUser[]>();
  for (const raw of containers) {
    const parsed = engineContainerSchema.safeParse(raw);
    if (!parsed.success) continue;
    const c = parsed.data;
    const state = containerStateSchema.safeParse(c.State);
    const name = (c.Names?.[0] ?? c.Id.slice(0, 12)).replace(/^\//, '');
    for (const mount of c.Mounts ?? []) {
      if (mount.Type !== 'volume' || !mount.Name) continue;
      const list = users.get(mount.Name) ?? [];
      // A container mounting one volume at two paths is one user.
      if (list.some((u) => u.id === c.Id)) continue;
      list.push({ id: c.Id, name, state: state.success ? state.data : 'dead', destination: mount.Destination, readOnly: mount.RW === false });
      users.set(mount.Name, list);
    }
  }
  for (const list of users.values()) list.sort((a, b) => a.name.localeCompare(b.name));
  return users;
}

/** `docker volume ls` rows with who uses each, sorted by name. */
export function toVolumeSummaries(volumes: readonly unknown[], containers: readonly unknown[]): VolumeSummary[] {
  const users = volumeUsers(containers);
  const out: VolumeSummary[] = [];
  for (const raw of volumes) {
    const parsed = engineVolumeSchema.safeParse(raw);
    if (!parsed.success) continue;
    const v = parsed.data;
    out.push({
      name: v.Name,
      driver: v.Driver,
      scope: v.Scope,
      createdAt: v.CreatedAt ?? null,
      mountpoint: v.Mountpoint,
      labels: v.Labels ?? {},
      options: v.Options ?? {},
      usedBy: users.get(v.Name) ?? [],
    });
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}

/** What "prune unused" would remove: exactly the volumes no container mounts. */
export function unusedVolumes(volumes: readonly VolumeSummary[]): VolumeSummary[] {
  return volumes.filter((v) => v.usedBy.length === 0);
}

const dfSchema = z.object({
  Volumes: z
    .array(z.object({ Name: z.string(), UsageData: z.object({ Size: z.number() }).nullable().optional() }))
    .nullable()
    .optional(),
});

/** Bytes per volume from `GET /system/df`; -1 (or no usage data) means the engine could not tell. */
export function volumeSizesFromDf(df: unknown): Record<string, number | null> {
  const parsed = dfSchema.safeParse(df);
  const sizes: Record<string, number | null> = {};
  if (!parsed.success) return sizes;
  for (const v of parsed.data.Volumes ?? []) {
    const size = v.UsageData?.Size;
    sizes[v.Name] = size === undefined || size < 0 ? null : size;
  }
  return sizes;
}
