import { z } from 'zod';
import { containerStateSchema } from '../../../shared/engine-types.js';
import {
  isAnonymousVolume,
  matchesLabelFilter,
  type VolumePrunePreview,
  type VolumeSummary,
  type VolumeUser,
} from '../../../shared/volume-types.js';

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
      list.push({
        id: c.Id,
        name,
        state: state.success ? state.data : 'dead',
        destination: mount.Destination,
        readOnly: mount.RW === false,
      });
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

/** The volumes no container mounts, running or not. */
export function unusedVolumes(volumes: readonly VolumeSummary[]): VolumeSummary[] {
  return volumes.filter((v) => v.usedBy.length === 0);
}

/**
 * What the prune panel offers: the unused volumes (only those carrying `label`, `key` or
 * `key=value`, when given), anonymous ones apart from named ones. A named volume is one someone
 * chose a name for, like a database's: `compose down` leaves it unused on purpose.
 */
export function prunePreviewOf(volumes: readonly VolumeSummary[], label?: string): VolumePrunePreview {
  const candidates = unusedVolumes(volumes).filter((v) => !label || matchesLabelFilter(v.labels, label));
  return { anonymous: candidates.filter((v) => isAnonymousVolume(v)), named: candidates.filter((v) => !isAnonymousVolume(v)) };
}

/** Same instant, though one engine answer may spell it differently from another; both unknown counts as the same. */
function sameTime(a: string | null, b: string | null): boolean {
  if (a === b) return true;
  if (a === null || b === null) return false;
  const [ta, tb] = [Date.parse(a), Date.parse(b)];
  return Number.isFinite(ta) && ta === tb;
}

/**
 * The re-check just before pruning one volume: why it must be left alone, or null to go ahead.
 * `inspected` is the volume as the engine describes it now, `containers` those mounting it now.
 * The engine keeps creation times to the second, so a namesake made within the same second as
 * the one previewed cannot be told apart.
 */
export function pruneRecheck(previewedCreatedAt: string | null, inspected: unknown, containers: readonly unknown[]): string | null {
  const now = engineVolumeSchema.safeParse(inspected);
  const createdAt = now.success ? (now.data.CreatedAt ?? null) : null;
  if (!sameTime(previewedCreatedAt, createdAt)) {
    return `Made again since the preview: this volume was created ${createdAt ?? 'at an unknown time'}, the one previewed ${previewedCreatedAt ?? 'at an unknown time'}. Not removed: preview again to see it.`;
  }
  const users = [...volumeUsers(containers).values()].flat();
  if (users.length > 0) {
    return `Now used by ${users.map((u) => `${u.name} (${u.state})`).join(', ')}: a container took it up after the preview. Not removed.`;
  }
  return null;
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
