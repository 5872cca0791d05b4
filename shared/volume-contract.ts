import { z } from 'zod';
import { defineCall } from './contract-kit.js';
import { formatCommand, type CommandWords } from './shell-command.js';
import {
  createVolumeInputSchema,
  createVolumeResultSchema,
  volumeLabelFilterSchema,
  volumePrunePreviewSchema,
  volumePruneTargetSchema,
  volumeRefSchema,
  volumeRemovalSchema,
  volumeSizesSchema,
  volumeSummarySchema,
  type CreateVolumeInput,
} from './volume-types.js';

/**
 * Contract entries for volumes. Spread into `calls` in contract.ts.
 *
 * Pruning is a preview (`volumes.prunePreview`, optionally narrowed to a label) and then
 * `volumes.prune` of exactly the volumes the user ticked there: the engine's own prune endpoint
 * changed meaning across API versions (every unused volume before 1.42, anonymous ones only
 * since), and what is removed must be what the user saw. The preview keeps named volumes apart:
 * a database's volume left after `compose down` is unused too.
 */

/** `docker volume create [--driver D] [--label k=v]... [--opt k=v]... [NAME]`. */
export function formatVolumeCreate(i: CreateVolumeInput): string {
  return formatCommand(volumeCreateWords(i));
}

export function volumeCreateWords(i: CreateVolumeInput): CommandWords {
  const words = ['docker', 'volume', 'create'];
  if (i.driver && i.driver !== 'local') words.push('--driver', i.driver);
  for (const [key, value] of Object.entries(i.labels ?? {})) words.push('--label', value === '' ? key : `${key}=${value}`);
  for (const [key, value] of Object.entries(i.options ?? {})) words.push('--opt', `${key}=${value}`);
  if (i.name) words.push(i.name);
  return words;
}

const names = z.array(volumeRefSchema).min(1, 'Choose at least one volume').max(1000);

/** `docker volume ls --filter dangling=true [--filter label=k[=v]]`: the unused volumes, as the prune preview lists them. */
export function formatPruneListing(label: string | undefined): string {
  return formatCommand(pruneListingWords(label));
}

function pruneListingWords(label: string | undefined): CommandWords {
  return ['docker', 'volume', 'ls', '--filter', 'dangling=true', ...(label ? ['--filter', `label=${label}`] : [])];
}

export const volumeCalls = {
  'volumes.list': defineCall({
    input: z.strictObject({}),
    output: z.array(volumeSummarySchema),
    cliArgs: () => ['docker', 'volume', 'ls'],
  }),
  /** A volume of that name and driver already there is returned as it is (like the CLI), flagged alreadyExisted. */
  'volumes.create': defineCall({
    input: createVolumeInputSchema,
    output: createVolumeResultSchema,
    cliArgs: volumeCreateWords,
  }),
  /** CONFLICT with the engine's reason while a container (even a stopped one) uses it. */
  'volumes.remove': defineCall({
    input: z.strictObject({ name: volumeRefSchema }),
    output: z.null(),
    cliArgs: (i) => ['docker', 'volume', 'rm', i.name],
  }),
  /** One `docker volume rm` per name, never forced; reports each volume's outcome. */
  'volumes.removeMany': defineCall({
    input: z.strictObject({ names }),
    output: z.array(volumeRemovalSchema),
    cliArgs: (i) => ['docker', 'volume', 'rm', ...i.names],
  }),
  /** Volumes no container (running or not) mounts, those with a label only when one is given, anonymous and named apart; changes nothing. */
  'volumes.prunePreview': defineCall({
    input: z.strictObject({ label: volumeLabelFilterSchema.optional() }),
    output: volumePrunePreviewSchema,
    cliArgs: (i) => pruneListingWords(i.label),
  }),
  /**
   * Removes the ticked volumes of a preview, one `docker volume rm` each, never forced. Each is
   * re-read first: one made again under the same name since the preview (another creation time),
   * or that a container now uses, is skipped and reported, not removed.
   */
  'volumes.prune': defineCall({
    input: z.strictObject({ volumes: z.array(volumePruneTargetSchema).min(1, 'Tick at least one volume').max(1000) }),
    output: z.array(volumeRemovalSchema),
    cliArgs: (i) => ['docker', 'volume', 'rm', ...i.volumes.map((v) => v.name)],
  }),
  /** Sizes from the engine's disk usage report: slow on big hosts, so only on request. */
  'volumes.sizes': defineCall({
    input: z.strictObject({}),
    output: volumeSizesSchema,
    cliArgs: () => ['docker', 'system', 'df', '--verbose'],
  }),
  'volumes.inspect': defineCall({
    input: z.strictObject({ name: volumeRefSchema }),
    output: z.unknown(),
    cliArgs: (i) => ['docker', 'volume', 'inspect', i.name],
  }),
} as const;
