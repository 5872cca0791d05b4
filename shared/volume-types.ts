import { z } from 'zod';
import { containerStateSchema } from './engine-types.js';

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

export const volumeRemovalSchema = z.object({
  name: z.string(),
  removed: z.boolean(),
  /** Why not, in the engine's words. */
  error: z.string().optional(),
  /** NOT_FOUND, CONFLICT, ... */
  code: z.string().optional(),
});
export type VolumeRemoval = z.infer<typeof volumeRemovalSchema>;

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

export const composeProjectLabel = 'com.docker.compose.project';
