import { z } from 'zod';
import { defineCall, defineStream } from './contract-kit.js';
import { formatCommand, formatPipeline, withShellComment, type CommandWords } from './shell-command.js';
import { imageSummarySchema } from './engine-types.js';
import {
  buildMessageSchema,
  credentialStorageSchema,
  imageHistorySchema,
  imageIdOrReferenceSchema,
  imageInspectSchema,
  imageReferenceSchema,
  imageRelationsSchema,
  layerFilesSchema,
  loginResultSchema,
  logoutResultSchema,
  prunePreviewSchema,
  pruneResultSchema,
  pullMessageSchema,
  pushMessageSchema,
  registryAccountSchema,
  registryAddressSchema,
  removeResultSchema,
  taggedReferenceSchema,
} from './image-types.js';

/**
 * Contract entries for images beyond listing (pull, push, tag, build, layers, registries).
 * Spread into `calls` and `streams` in contract.ts.
 *
 * Streams (pull, push, build) always end with one `done` or `failed` message; after `failed` the
 * stream also ends with the same error, so generic error handling sees it too. Unsubscribing
 * cancels the operation on the engine.
 */

const byImage = z.strictObject({ image: imageIdOrReferenceSchema });
const pruneInput = z.strictObject({
  /** Also unused tagged images (`docker image prune --all`), not only dangling ones. */
  all: z.boolean().optional(),
  /** Only images with this label, `key` or `key=value` (`--filter label=`). */
  label: z.string().min(1).max(1024).optional(),
});
const labelFilter = (label: string | undefined): string[] => (label ? ['--filter', `label=${label}`] : []);

const buildArgName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'Build argument names are letters, digits and _');

export const buildInputSchema = z
  .strictObject({
    /**
     * A folder on the machine Berth runs on; sent to the engine as a tar, minus .dockerignore'd files.
     * None with `dockerfileText`: an empty context, like `docker build - < Dockerfile` (nothing to COPY).
     */
    contextPath: z
      .string()
      .max(4096)
      .regex(/^(?:\/|[A-Za-z]:[\\/]|\\\\)/, 'The build context must be an absolute folder path')
      .optional(),
    /** Path of the Dockerfile, relative to the context (or absolute); default `Dockerfile`. */
    dockerfile: z.string().min(1).max(4096).optional(),
    /** The Dockerfile's text itself, instead of a file (`docker build -f -`). */
    dockerfileText: z.string().min(1).max(1_000_000).optional(),
    tags: z.array(taggedReferenceSchema).max(20).optional(),
    buildArgs: z.record(buildArgName, z.string().max(100_000)).optional(),
    /** The stage to stop at in a multi-stage Dockerfile. */
    target: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/, 'Not a stage name')
      .optional(),
    noCache: z.boolean().optional(),
    /** Always look for newer base images in their registries. */
    pull: z.boolean().optional(),
    labels: z.record(z.string().min(1).max(1024), z.string().max(100_000)).optional(),
  })
  .refine((i) => !(i.dockerfile !== undefined && i.dockerfileText !== undefined), {
    message: 'Give either a Dockerfile path or the Dockerfile text, not both',
    path: ['dockerfileText'],
  })
  .refine((i) => i.contextPath !== undefined || i.dockerfileText !== undefined, {
    message: 'Give a context folder, or the Dockerfile text to build with an empty context',
    path: ['contextPath'],
  });
export type BuildInput = z.infer<typeof buildInputSchema>;

/** The `docker build` line a build equals. */
export function formatDockerBuild(i: BuildInput): string {
  return formatCommand(dockerBuildWords(i));
}

export function dockerBuildWords(i: BuildInput): CommandWords {
  const words = ['docker', 'build'];
  for (const tag of i.tags ?? []) words.push('-t', tag);
  // No folder: the Dockerfile on stdin is the whole context (`docker build -`).
  if (i.dockerfileText !== undefined && i.contextPath !== undefined) words.push('-f', '-');
  else if (i.dockerfile !== undefined && i.dockerfile !== 'Dockerfile') words.push('-f', i.dockerfile);
  for (const [name, value] of Object.entries(i.buildArgs ?? {})) words.push('--build-arg', `${name}=${value}`);
  for (const [name, value] of Object.entries(i.labels ?? {})) words.push('--label', `${name}=${value}`);
  if (i.target) words.push('--target', i.target);
  if (i.noCache) words.push('--no-cache');
  if (i.pull) words.push('--pull');
  // Berth removes the container of a failed step too, so it leaves nothing behind.
  words.push('--force-rm');
  words.push(i.contextPath ?? '-');
  return words;
}

export const imageCalls = {
  'images.list': defineCall({ input: z.strictObject({}), output: z.array(imageSummarySchema), cliArgs: () => ['docker', 'images'] }),
  /** Adds a reference to an image. */
  'images.tag': defineCall({
    input: z.strictObject({ image: imageIdOrReferenceSchema, target: taggedReferenceSchema }),
    output: z.null(),
    cliArgs: (i) => ['docker', 'tag', i.image, i.target],
  }),
  /** Removes one reference; the image goes too when it was its last reference and no container uses it. */
  'images.untag': defineCall({
    input: z.strictObject({ reference: imageReferenceSchema }),
    output: removeResultSchema,
    cliArgs: (i) => ['docker', 'rmi', i.reference],
  }),
  /** CONFLICT with the engine's reason when a container uses the image or it has several tags; `force` overrides. */
  'images.remove': defineCall({
    input: z.strictObject({ image: imageIdOrReferenceSchema, force: z.boolean().optional(), noPrune: z.boolean().optional() }),
    output: removeResultSchema,
    cliArgs: (i) => ['docker', 'rmi', ...(i.force ? ['--force'] : []), ...(i.noPrune ? ['--no-prune'] : []), i.image],
  }),
  /** What `images.prune` would remove and how much space it would give back; changes nothing. */
  'images.prunePreview': defineCall({
    input: pruneInput,
    output: prunePreviewSchema,
    cliArgs: (i) => ['docker', 'images', ...(i.all ? [] : ['--filter', 'dangling=true']), ...labelFilter(i.label)],
  }),
  'images.prune': defineCall({
    input: pruneInput,
    output: pruneResultSchema,
    cliArgs: (i) => ['docker', 'image', 'prune', '--force', ...(i.all ? ['--all'] : []), ...labelFilter(i.label)],
  }),

  /**
   * Checks the credentials with the registry (through the engine), then keeps them: sealed with the
   * OS keyring in the desktop app, in memory otherwise (see images.credentialStorage).
   */
  'images.login': defineCall({
    input: z.strictObject({
      serverAddress: registryAddressSchema,
      username: z.string().min(1, 'A username is required').max(512),
      password: z.string().min(1, 'A password or token is required').max(65_536),
    }),
    output: loginResultSchema,
    // Never the password: the CLI reads it from stdin.
    cliArgs: (i) => ['docker', 'login', '--username', i.username, '--password-stdin', i.serverAddress],
  }),
  'images.logout': defineCall({
    input: z.strictObject({ serverAddress: registryAddressSchema }),
    output: logoutResultSchema,
    cliArgs: (i) => ['docker', 'logout', i.serverAddress],
  }),
  /** Registries Berth has credentials for: addresses and usernames, never secrets. */
  'images.accounts': defineCall({
    input: z.strictObject({}),
    output: z.array(registryAccountSchema),
    // Constant lines; `~` is left bare on purpose so the shell expands it.
    cli: () => "jq '.auths | keys' ~/.docker/config.json",
  }),
  /** Whether Berth's logins survive a restart (system keyring) or last this session only. */
  'images.credentialStorage': defineCall({
    input: z.strictObject({}),
    output: credentialStorageSchema,
    cli: () => "jq '{credsStore, credHelpers}' ~/.docker/config.json",
  }),

  /** The inspect document and a readable summary of it. */
  'images.inspect': defineCall({ input: byImage, output: imageInspectSchema, cliArgs: (i) => ['docker', 'image', 'inspect', i.image] }),
  /** Each step's instruction, size and date, with the layers shared with other local images. */
  'images.history': defineCall({
    input: byImage,
    output: imageHistorySchema,
    cliArgs: (i) => ['docker', 'history', '--no-trunc', i.image],
  }),
  /** Containers made from the image, images it builds on and images that build on it. */
  'images.relations': defineCall({
    input: byImage,
    output: imageRelationsSchema,
    cliArgs: (i) => ['docker', 'ps', '--all', '--filter', `ancestor=${i.image}`],
  }),
  /** What one layer added, changed and removed, read from the image's `docker save` archive. */
  'images.layerFiles': defineCall({
    input: z.strictObject({
      image: imageIdOrReferenceSchema,
      /** The layer's diff ID, `sha256:` and 64 hex digits (from images.history). */
      diffId: z.string().regex(/^sha256:[0-9a-f]{64}$/, 'Not a layer diff ID (sha256: and 64 hex digits)'),
      limit: z.number().int().min(1).max(100_000).optional(),
    }),
    output: layerFilesSchema,
    cliArgs: (i) => ['docker', 'save', i.image],
    cli: (i) =>
      withShellComment(
        formatPipeline([
          ['docker', 'save', i.image],
          ['tar', '-t'],
        ]),
        'then tar -tv the layer.tar of that layer',
      ),
  }),
} as const;

export const imageStreams = {
  /** Per-layer and overall progress snapshots (at most ~10 a second), then `done` or `failed`. */
  'images.pull': defineStream({
    input: z.strictObject({ reference: imageReferenceSchema }),
    message: pullMessageSchema,
    cliArgs: (i) => ['docker', 'pull', i.reference],
  }),
  'images.push': defineStream({
    input: z.strictObject({ reference: taggedReferenceSchema }),
    message: pushMessageSchema,
    cliArgs: (i) => ['docker', 'push', i.reference],
  }),
  /** Context upload, step events tied to Dockerfile lines, raw log lines, then `done` or `failed`. */
  'images.build': defineStream({ input: buildInputSchema, message: buildMessageSchema, cliArgs: dockerBuildWords }),
} as const;
