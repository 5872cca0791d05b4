import { z } from 'zod';
import { errorCodeSchema } from './errors.js';
import { jsonValueSchema } from './container-detail-types.js';

// ---------------------------------------------------------------------------------------------
// References: `name[:tag][@digest]`, the grammar of github.com/distribution/reference.
// ---------------------------------------------------------------------------------------------

/** The parts of an image reference, as the engine reads them. */
export interface ImageReferenceParts {
  /** `127.0.0.1:5000`, `ghcr.io`; null means Docker Hub. */
  registry: string | null;
  /** The repository path without the registry: `library/ubuntu` is written `ubuntu`. */
  path: string;
  tag: string | null;
  digest: string | null;
}

const domainComponent = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const domainRe = new RegExp(`^${domainComponent}(?:\\.${domainComponent})*(?::[0-9]+)?$`);
const pathComponentRe = /^[a-z0-9]+(?:(?:[_.]|__|-+)[a-z0-9]+)*$/;
const tagRe = /^[\w][\w.-]{0,127}$/;
const digestRe = /^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}$/;

/** Like the engine: the first component names a registry when it has a dot or a port, or is localhost. */
function looksLikeRegistry(component: string): boolean {
  return component.includes('.') || component.includes(':') || component === 'localhost' || component !== component.toLowerCase();
}

/** Splits a reference into its parts, or says in words what is wrong with it. */
export function parseImageReference(value: string): { ok: true; parts: ImageReferenceParts } | { ok: false; problem: string } {
  if (value.length === 0) return { ok: false, problem: 'An image reference is required, e.g. ubuntu:22.04' };
  if (/\s/.test(value)) return { ok: false, problem: 'An image reference cannot contain spaces' };
  let rest = value;
  let digest: string | null = null;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!digestRe.test(digest)) return { ok: false, problem: `"${digest}" is not a digest (expected sha256: and 64 hex digits)` };
  }
  let tag: string | null = null;
  const lastColon = rest.lastIndexOf(':');
  // A colon after the last slash separates the tag; one before it belongs to a registry port.
  if (lastColon > rest.lastIndexOf('/')) {
    tag = rest.slice(lastColon + 1);
    rest = rest.slice(0, lastColon);
    if (!tagRe.test(tag)) {
      return {
        ok: false,
        problem: `"${tag}" is not a valid tag (letters, digits, _ . - and at most 128 characters, not starting with . or -)`,
      };
    }
  }
  if (rest.length > 255) return { ok: false, problem: 'The repository name is longer than 255 characters' };
  const components = rest.split('/');
  let registry: string | null = null;
  if (components.length > 1 && looksLikeRegistry(components[0] ?? '')) {
    registry = components.shift() ?? null;
    if (registry !== null && !domainRe.test(registry))
      return { ok: false, problem: `"${registry}" is not a registry host (host or host:port)` };
  }
  for (const component of components) {
    if (component === '') return { ok: false, problem: 'The repository name has an empty part (two slashes, or a slash at an end)' };
    if (component !== component.toLowerCase()) return { ok: false, problem: `Repository names must be lowercase: "${component}"` };
    if (!pathComponentRe.test(component)) {
      return {
        ok: false,
        problem: `"${component}" is not a valid repository name part (lowercase letters and digits, separated by . _ __ or -)`,
      };
    }
  }
  return { ok: true, parts: { registry, path: components.join('/'), tag, digest } };
}

/** `name[:tag][@digest]`, with or without a registry host: `ubuntu`, `127.0.0.1:5000/robot/base:1.2`. */
export const imageReferenceSchema = z
  .string()
  .max(512)
  .superRefine((value, ctx) => {
    const parsed = parseImageReference(value);
    if (!parsed.ok) ctx.addIssue({ code: 'custom', message: `Invalid image reference "${value}": ${parsed.problem}` });
  });

/** A reference that names a tag (or defaults to `latest`): what can be tagged, pushed or built. */
export const taggedReferenceSchema = imageReferenceSchema.superRefine((value, ctx) => {
  if (value.includes('@')) ctx.addIssue({ code: 'custom', message: `"${value}" has a digest; use name:tag here` });
});

/** An image ID (`sha256:` and hex) or a reference; a short hex ID is a valid reference too. */
export const imageIdOrReferenceSchema = z
  .string()
  .max(512)
  .superRefine((value, ctx) => {
    if (/^sha256:[0-9a-f]{6,64}$/.test(value)) return;
    const parsed = parseImageReference(value);
    if (!parsed.ok) ctx.addIssue({ code: 'custom', message: `Not an image ID or reference: "${value}": ${parsed.problem}` });
  });

/** A registry as `docker login` takes it: `127.0.0.1:5001`, `ghcr.io`, `https://index.docker.io/v1/`. */
export const registryAddressSchema = z
  .string()
  .min(1, 'A registry address is required')
  .max(255)
  .regex(/^(?:https?:\/\/)?[a-zA-Z0-9.-]+(?::\d{1,5})?(?:\/[\w./-]*)?$/, 'Not a registry address (host, host:port or URL)');

// ---------------------------------------------------------------------------------------------
// Failures: every stream ends with `done` or `failed`; `failed` says why in a form a UI can act on.
// ---------------------------------------------------------------------------------------------

/** What kind of failure, so a UI can offer the right next step (log in, check the name, ...). */
export const failureReasonSchema = z.enum([
  'invalid-input', // bad reference, missing context folder, ...
  'not-found', // no such image locally or in the registry
  'unauthorized', // the registry wants credentials, or rejected the ones Berth sent
  'refused', // the registry does not accept this operation from anyone (read-only): use another registry
  'unreachable', // the registry could not be reached (refused, DNS, TLS, timeout)
  'build-step', // a Dockerfile instruction failed
  'engine', // anything else the engine reported
]);
export type FailureReason = z.infer<typeof failureReasonSchema>;

export const failureSchema = z.object({ code: errorCodeSchema, reason: failureReasonSchema, message: z.string() });
export type Failure = z.infer<typeof failureSchema>;

// ---------------------------------------------------------------------------------------------
// Pull and push progress: snapshots, so a UI just replaces what it shows with the latest one.
// ---------------------------------------------------------------------------------------------

export const layerPhaseSchema = z.enum([
  'waiting', // known, not started (pull: "Pulling fs layer", "Waiting"; push: "Preparing", "Waiting")
  'retrying', // the transfer broke off; the engine tries again in `retryInSeconds` (bytes so far kept in current/total)
  'downloading',
  'verifying',
  'downloaded', // download complete, waiting to extract
  'extracting',
  'pushing',
  'complete', // pull complete / pushed
  'already-exists', // the engine or the registry already has this layer
  'mounted', // push: the registry mounted it from another repository
]);
export type LayerPhase = z.infer<typeof layerPhaseSchema>;

export const layerTransferSchema = z.object({
  /** The short layer digest the engine shows (12 hex digits). */
  id: z.string(),
  phase: layerPhaseSchema,
  /** Bytes done in the current phase, and its total; null when the engine did not say. */
  current: z.number().nullable(),
  total: z.number().nullable(),
  /** While `retrying`: seconds until the engine tries again. */
  retryInSeconds: z.number().int().optional(),
});
export type LayerTransfer = z.infer<typeof layerTransferSchema>;

export const transferProgressSchema = z.object({
  type: z.literal('progress'),
  /** Every layer seen so far, in the order the engine first mentioned them. */
  layers: z.array(layerTransferSchema),
  overall: z.object({
    layersDone: z.number().int(),
    layersTotal: z.number().int(),
    /** Bytes transferred over bytes to transfer, counting only layers whose size is known. */
    bytesDone: z.number(),
    bytesTotal: z.number(),
    /** 0..1, a weighted estimate over all layers (download and extract for pulls). */
    fraction: z.number(),
  }),
  /** The engine's last overall line, e.g. "Pulling from robot/base" or "Digest: sha256:…". */
  status: z.string().nullable(),
});
export type TransferProgress = z.infer<typeof transferProgressSchema>;

export const transferFailedSchema = z.object({ type: z.literal('failed'), error: failureSchema });

export const pullMessageSchema = z.discriminatedUnion('type', [
  transferProgressSchema,
  z.object({
    type: z.literal('done'),
    reference: z.string(),
    imageId: z.string().nullable(),
    digest: z.string().nullable(),
    /** True when the local image was already the newest ("Image is up to date"). */
    upToDate: z.boolean(),
  }),
  transferFailedSchema,
]);
export type PullMessage = z.infer<typeof pullMessageSchema>;

export const pushMessageSchema = z.discriminatedUnion('type', [
  transferProgressSchema,
  z.object({ type: z.literal('done'), reference: z.string(), digest: z.string().nullable(), size: z.number().nullable() }),
  transferFailedSchema,
]);
export type PushMessage = z.infer<typeof pushMessageSchema>;

// ---------------------------------------------------------------------------------------------
// Tag, remove, prune.
// ---------------------------------------------------------------------------------------------

/** What the engine did, as `docker rmi` prints it: references removed, then images deleted. */
export const removeResultSchema = z.object({ untagged: z.array(z.string()), deleted: z.array(z.string()) });
export type RemoveResult = z.infer<typeof removeResultSchema>;

export const pruneCandidateSchema = z.object({
  id: z.string(),
  repoTags: z.array(z.string()),
  /** Unix seconds. */
  created: z.number(),
  size: z.number(),
  /** Bytes only this image holds among the survivors of the prune; null when layer sizes are unknown. */
  reclaimable: z.number().nullable(),
});
export const prunePreviewSchema = z.object({
  images: z.array(pruneCandidateSchema),
  /** Bytes the prune gives back: layers no surviving image uses. */
  spaceReclaimable: z.number(),
  /** Images the engine will keep although they match, because containers use them. */
  keptInUse: z.number().int(),
});
export type PrunePreview = z.infer<typeof prunePreviewSchema>;
export const pruneResultSchema = z.object({ untagged: z.array(z.string()), deleted: z.array(z.string()), spaceReclaimed: z.number() });
export type PruneResult = z.infer<typeof pruneResultSchema>;

// ---------------------------------------------------------------------------------------------
// Registry accounts: never a password in any output.
// ---------------------------------------------------------------------------------------------

export const registryAccountSchema = z.object({
  /** Normalised: `127.0.0.1:5001`, or `https://index.docker.io/v1/` for Docker Hub. */
  serverAddress: z.string(),
  /** Empty when the credentials live in a credential helper Berth cannot read. */
  username: z.string(),
  /** Logged in through Berth, or read from the docker CLI's config (inline or through a credential helper). */
  source: z.enum(['berth', 'docker-config']),
  /** The credential helper that holds the secret (`pass` for docker-credential-pass), when one does. */
  helper: z.string().optional(),
  /** Whether Berth sends these credentials on pull and push. */
  usable: z.boolean(),
  note: z.string().optional(),
});
export type RegistryAccount = z.infer<typeof registryAccountSchema>;

/** Where logins made in Berth are kept. Passwords never leave the main process either way. */
export const credentialStorageSchema = z.object({
  /** Whether logins made in Berth survive a restart (sealed with the system keyring). */
  persistent: z.boolean(),
  /** One line for the accounts panel, e.g. "saved for this session only: no system keyring". */
  summary: z.string(),
  /** A problem worth showing: saved logins that could not be read, a save that failed. */
  note: z.string().optional(),
});
export type CredentialStorage = z.infer<typeof credentialStorageSchema>;

export const loginResultSchema = z.object({ serverAddress: z.string(), username: z.string(), status: z.string() });
export const logoutResultSchema = z.object({ serverAddress: z.string(), forgotten: z.boolean(), note: z.string().optional() });

// ---------------------------------------------------------------------------------------------
// Build: step events tied to Dockerfile lines, raw log lines, and one final message.
// ---------------------------------------------------------------------------------------------

export const buildStepSchema = z.object({
  type: z.literal('step'),
  /** 1-based, as in "Step 3/7". */
  step: z.number().int(),
  total: z.number().int(),
  /** The instruction as the engine printed it (continuations joined). */
  instruction: z.string(),
  /** 1-based Dockerfile lines the instruction spans; null for steps the engine added (e.g. --label). */
  line: z.number().int().nullable(),
  endLine: z.number().int().nullable(),
  status: z.enum(['running', 'done', 'failed']),
  /** The engine reused a cached layer ("Using cache"). */
  cached: z.boolean(),
  /** Whether the step can hit the cache at all (FROM and ARG before FROM cannot). */
  cacheable: z.boolean(),
  /** Set once the step has ended. */
  durationMs: z.number().nullable(),
  /** The short image ID the step produced (" ---> 4bbd55db29e5"). */
  layerId: z.string().nullable(),
});
export type BuildStep = z.infer<typeof buildStepSchema>;

export const buildLogLineSchema = z.object({
  /** The step the line belongs to; null before the first step. */
  step: z.number().int().nullable(),
  text: z.string(),
});
export type BuildLogLine = z.infer<typeof buildLogLineSchema>;

export const buildMessageSchema = z.discriminatedUnion('type', [
  /** The build context sent so far (tar bytes, before compression). */
  z.object({ type: z.literal('context'), bytes: z.number(), done: z.boolean() }),
  buildStepSchema,
  /** Raw output lines, batched, in order with the step events. */
  z.object({ type: z.literal('log'), lines: z.array(buildLogLineSchema) }),
  z.object({
    type: z.literal('done'),
    imageId: z.string(),
    tags: z.array(z.string()),
    durationMs: z.number(),
    steps: z.number().int(),
    cachedSteps: z.number().int(),
  }),
  z.object({
    type: z.literal('failed'),
    error: failureSchema,
    /** Where it failed, when a step was running. */
    step: z.number().int().nullable(),
    line: z.number().int().nullable(),
    instruction: z.string().nullable(),
    /** The failing command's exit code, for RUN. */
    exitCode: z.number().int().nullable(),
  }),
]);
export type BuildMessage = z.infer<typeof buildMessageSchema>;

// ---------------------------------------------------------------------------------------------
// Understanding an image.
// ---------------------------------------------------------------------------------------------

export const historyEntrySchema = z.object({
  /** The image ID of this step when the engine still has it locally; null ("<missing>") otherwise. */
  imageId: z.string().nullable(),
  /** The instruction, without the legacy builder's `/bin/sh -c #(nop)` prefix. */
  instruction: z.string(),
  /** What the engine recorded, untouched. */
  createdBy: z.string(),
  /** Unix seconds. */
  created: z.number(),
  size: z.number(),
  comment: z.string(),
  tags: z.array(z.string()),
  /** The filesystem layer (diff ID) this step added; null for metadata-only steps or when unknown. */
  diffId: z.string().nullable(),
  /** Other local images (first tag, or short ID) that contain this layer too. */
  sharedWith: z.array(z.string()),
});
export type HistoryEntry = z.infer<typeof historyEntrySchema>;

export const imageHistorySchema = z.object({
  /** Newest first, as `docker history` prints it. */
  entries: z.array(historyEntrySchema),
  totalSize: z.number(),
  /** Bytes in layers no other local image has: what removing this image alone would give back. */
  uniqueSize: z.number().nullable(),
  sharedSize: z.number().nullable(),
});
export type ImageHistory = z.infer<typeof imageHistorySchema>;

const relatedImageSchema = z.object({ id: z.string(), repoTags: z.array(z.string()) });
export const imageRelationsSchema = z.object({
  /** Containers created from the image (any state), as `docker ps --filter ancestor=` finds them. */
  containers: z.array(z.object({ id: z.string(), name: z.string(), state: z.string() })),
  /** Images this one builds on: their layers are a prefix of this image's layers. */
  bases: z.array(relatedImageSchema),
  /** Images that build on this one: its layers are a prefix of theirs (or it is their parent). */
  children: z.array(relatedImageSchema),
});
export type ImageRelations = z.infer<typeof imageRelationsSchema>;

export const imageSummaryDetailSchema = z.object({
  id: z.string(),
  repoTags: z.array(z.string()),
  repoDigests: z.array(z.string()),
  /** ISO 8601, as the engine reports it. */
  created: z.string(),
  architecture: z.string(),
  os: z.string(),
  variant: z.string().nullable(),
  author: z.string(),
  entrypoint: z.array(z.string()),
  cmd: z.array(z.string()),
  workingDir: z.string(),
  user: z.string(),
  env: z.array(z.object({ name: z.string(), value: z.string() })),
  /** `80/tcp`, `53/udp`. */
  exposedPorts: z.array(z.string()),
  volumes: z.array(z.string()),
  labels: z.record(z.string(), z.string()),
  size: z.number(),
  layers: z.number().int(),
});
export type ImageSummaryDetail = z.infer<typeof imageSummaryDetailSchema>;

export const imageInspectSchema = z.object({ summary: imageSummaryDetailSchema, document: jsonValueSchema });

export const layerFileSchema = z.object({
  path: z.string(),
  /** What the layer did to the path, relative to the layers below it. */
  change: z.enum(['added', 'changed', 'removed']),
  type: z.enum(['file', 'directory', 'symlink', 'hardlink', 'other']),
  size: z.number(),
  /** Octal permission bits, e.g. "755". */
  mode: z.string(),
  linkTarget: z.string().nullable(),
  /** A whiteout that hides everything the lower layers had in this directory (`.wh..wh..opq`). */
  opaque: z.boolean(),
});
export type LayerFile = z.infer<typeof layerFileSchema>;
export const layerFilesSchema = z.object({
  diffId: z.string(),
  files: z.array(layerFileSchema),
  /** True when the layer has more entries than `limit`. */
  truncated: z.boolean(),
  totalEntries: z.number().int(),
});
export type LayerFiles = z.infer<typeof layerFilesSchema>;
