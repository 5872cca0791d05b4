import { z } from 'zod';
import { containerStateSchema } from './engine-types.js';
import { errorCodeSchema } from './errors.js';

/** The engine's rule for a new volume's name (local driver): two or more characters. */
const volumeNamePattern = /^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/;
export const volumeNameRule = 'Start with a letter or digit, then at least one more letter, digit, _ . or -';

/** Why a name for a new volume would be refused, or null when it is fine. Empty means "let the engine pick one". */
export function volumeNameProblem(name: string): string | null {
  if (name === '') return null;
  if (name.length > 255) return 'At most 255 characters';
  if (!volumeNamePattern.test(name)) return volumeNameRule;
  return null;
}

/** A new volume's name, as `docker volume create NAME` accepts it. */
export const newVolumeNameSchema = z.string().max(255, 'At most 255 characters').regex(volumeNamePattern, volumeNameRule);

/** An existing volume's name (also the 64-hex names of anonymous volumes). No slashes: it goes into a URL path. */
export const volumeRefSchema = z
  .string()
  .min(1, 'A volume name is required')
  .max(255)
  .regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/, 'Not a volume name');

/** A volume driver: `local`, or a plugin such as `vieux/sshfs:latest`. */
export const volumeDriverSchema = z
  .string()
  .min(1, 'A driver is required')
  .max(255)
  .regex(/^[a-zA-Z0-9][a-zA-Z0-9_./:-]*$/, 'Not a driver name (e.g. local, or a plugin such as vieux/sshfs)');

const keyValueKey = z
  .string()
  .min(1, 'A key is required')
  .max(1024)
  .regex(/^[^=\s]+$/, 'Keys have no spaces and no =');
const keyValues = z.record(keyValueKey, z.string().max(100_000));

export const createVolumeInputSchema = z.strictObject({
  /** Absent: the engine makes an anonymous name (64 hex digits). */
  name: newVolumeNameSchema.optional(),
  /** Absent: `local`. */
  driver: volumeDriverSchema.optional(),
  labels: keyValues.optional(),
  /** Driver options (`--opt`), e.g. type=tmpfs device=tmpfs for the local driver. */
  options: keyValues.optional(),
});
export type CreateVolumeInput = z.infer<typeof createVolumeInputSchema>;

export const volumeUserSchema = z.object({
  id: z.string(),
  /** Without the leading slash. */
  name: z.string(),
  state: containerStateSchema,
  /** Where the container mounts the volume. */
  destination: z.string(),
  readOnly: z.boolean(),
});
export type VolumeUser = z.infer<typeof volumeUserSchema>;

export const volumeSummarySchema = z.object({
  name: z.string(),
  driver: z.string(),
  scope: z.string(),
  /** ISO time, when the engine reports one. */
  createdAt: z.string().nullable(),
  mountpoint: z.string(),
  labels: z.record(z.string(), z.string()),
  options: z.record(z.string(), z.string()),
  /** Containers (running or not) that mount it, from one container list. */
  usedBy: z.array(volumeUserSchema),
});
export type VolumeSummary = z.infer<typeof volumeSummarySchema>;

export const createVolumeResultSchema = z.object({
  name: z.string(),
  /** The engine already had a volume of that name and driver: it returned that one unchanged (so does the CLI). */
  alreadyExisted: z.boolean(),
});
export type CreateVolumeResult = z.infer<typeof createVolumeResultSchema>;

/**
 * What became of one volume Berth was asked to remove. When it was not removed, `reason` says why:
 * - `refused`: the engine said no (in use, no such volume, ...), in its words;
 * - `skipped`: the re-check just before removing found it changed since the preview (removed and
 *   made again under the same name, or now used by a container), so Berth left it alone;
 * - `failed`: the connection to the engine dropped during this one: whether it went is unknown;
 * - `not-attempted`: the connection dropped before Berth got to it.
 */
export const volumeRemovalSchema = z.discriminatedUnion('removed', [
  z.object({ name: z.string(), removed: z.literal(true) }),
  z.object({
    name: z.string(),
    removed: z.literal(false),
    reason: z.enum(['refused', 'skipped', 'failed', 'not-attempted']),
    /** Why, in words (the engine's own for a refusal). */
    error: z.string(),
    code: errorCodeSchema,
  }),
]);
export type VolumeRemoval = z.infer<typeof volumeRemovalSchema>;
export type VolumeNotRemoved = Extract<VolumeRemoval, { removed: false }>;

export const volumeSizesSchema = z.object({
  /** Unix milliseconds when the engine answered. */
  measuredAt: z.number(),
  /** Bytes per volume name; null when the engine could not tell (e.g. not a local volume). */
  sizes: z.record(z.string(), z.number().nullable()),
});
export type VolumeSizes = z.infer<typeof volumeSizesSchema>;

/** An anonymous volume's name: the 64 hex digits the engine made up. */
export function isAnonymousVolumeName(name: string): boolean {
  return /^[0-9a-f]{64}$/.test(name);
}

/** The label engines since API 1.42 put on the volumes they make for a container's `VOLUME`. */
export const anonymousVolumeLabel = 'com.docker.volume.anonymous';

/**
 * Nobody chose this volume's name: the engine made it up (64 hex digits), or marked the volume
 * anonymous itself. Everything else has a name someone picked, such as a database's volume.
 */
export function isAnonymousVolume(v: { name: string; labels: Readonly<Record<string, string>> }): boolean {
  return isAnonymousVolumeName(v.name) || anonymousVolumeLabel in v.labels;
}

// ---------------------------------------------------------------------------------------------
// Prune: a label filter for the preview, the preview split by who named the volumes, and the
// volumes the user ticked, each with the creation time the preview showed.
// ---------------------------------------------------------------------------------------------

const labelFilterPattern = /^[^=\s]+(=[^\n]*)?$/;
const labelFilterRule = 'A label key, or key=value (the key has no spaces)';

/** `key` or `key=value`, as `docker volume ls --filter label=...` takes it. */
export const volumeLabelFilterSchema = z.string().max(2048, 'At most 2048 characters').regex(labelFilterPattern, labelFilterRule);

/** Why a label filter would be refused, or null when it is fine. Empty means "no filter". */
export function volumeLabelFilterProblem(text: string): string | null {
  if (text === '') return null;
  const parsed = volumeLabelFilterSchema.safeParse(text);
  return parsed.success ? null : (parsed.error.issues[0]?.message ?? labelFilterRule);
}

/** Docker's rule: `key` matches any value of that label, `key=value` only that value. */
export function matchesLabelFilter(labels: Readonly<Record<string, string>>, filter: string): boolean {
  const at = filter.indexOf('=');
  if (at < 0) return filter in labels;
  const key = filter.slice(0, at);
  return key in labels && labels[key] === filter.slice(at + 1);
}

export const volumePrunePreviewSchema = z.object({
  /** Unused volumes whose names nobody chose: offered ticked. */
  anonymous: z.array(volumeSummarySchema),
  /** Unused volumes with a chosen name (a database left after `compose down`...): offered unticked. */
  named: z.array(volumeSummarySchema),
});
export type VolumePrunePreview = z.infer<typeof volumePrunePreviewSchema>;

/** A volume to prune, as the preview showed it: the name, and its creation time to tell a namesake made since. */
export const volumePruneTargetSchema = z.strictObject({
  name: volumeRefSchema,
  createdAt: z.string().max(100).nullable(),
});
export type VolumePruneTarget = z.infer<typeof volumePruneTargetSchema>;

export const composeProjectLabel = 'com.docker.compose.project';
