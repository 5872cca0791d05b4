import { z } from 'zod';
import { containerRefSchema } from './container-ref.js';
import { imageReferenceSchema } from './image-types.js';

/**
 * What a lesson step asks the engine to confirm. Lessons live in the renderer as data; each step
 * names its checks with these shapes and `learn.check` answers them from the engine alone, so a
 * step passes only when the thing it teaches was really done.
 */

/** The label every object a lesson makes carries: `berth.lesson=<lesson id>`. */
export const lessonLabel = 'berth.lesson';

/** A lesson's id, also the value of its label. */
export const lessonIdSchema = z
  .string()
  .regex(/^[a-z][a-z0-9-]{0,31}$/, 'A lesson id: lowercase letters, digits and -, starting with a letter');

/**
 * The start of every name a lesson gives: containers `<prefix>-first`, images `<prefix>/first:v2`.
 * Lowercase, since image repositories must be.
 */
export const lessonPrefixSchema = z
  .string()
  .max(30, 'At most 30 characters')
  // No dot: docker would read `my.x/first` as the registry my.x; separators only between letters or digits.
  .regex(/^[a-z0-9]+(?:[_-][a-z0-9]+)*$/, 'Lowercase letters and digits, joined by - or _ (such as learn or my-lessons)');

const stateSchema = z.enum(['running', 'exited', 'any']);
const pathSchema = z
  .string()
  .min(2)
  .max(1024)
  .regex(/^\/[^\0]*$/, 'An absolute path in the container, such as /hello.txt');

export const learnCheckSchema = z.discriminatedUnion('kind', [
  /** The engine has the image (`docker image inspect`); with `lesson`, it also carries the lesson's label. */
  z.strictObject({ kind: z.literal('imageExists'), ref: imageReferenceSchema, lesson: lessonIdSchema.optional() }),
  /** A container of that name with the lesson's label, in `state`; from `image` and made with -it when asked. */
  z.strictObject({
    kind: z.literal('containerExists'),
    name: containerRefSchema,
    lesson: lessonIdSchema,
    state: stateSchema.default('any'),
    image: imageReferenceSchema.optional(),
    interactive: z.boolean().optional(),
    network: z.string().max(64).optional(),
  }),
  /** `docker diff` of the container lists the path as added or changed (present), or does not list it (absent). */
  z.strictObject({ kind: z.literal('fileInDiff'), container: containerRefSchema, path: pathSchema, expect: z.enum(['present', 'absent']) }),
  /** `ref` is built on `base` (its layers start with base's) and has at least one layer more. */
  z.strictObject({ kind: z.literal('imageHasMoreLayersThan'), ref: imageReferenceSchema, base: imageReferenceSchema }),
  /**
   * `ref` is a rebuild of `previous` that reused at least one of its steps: another image, whose
   * layers above `base` start with a layer of `previous` (the very same digest, so not run again).
   */
  z.strictObject({
    kind: z.literal('rebuildUsedCache'),
    ref: imageReferenceSchema,
    previous: imageReferenceSchema,
    base: imageReferenceSchema,
  }),
  /** The engine pushed (or pulled) `ref`: its RepoDigests name ref's repository. */
  z.strictObject({ kind: z.literal('imagePushed'), ref: imageReferenceSchema }),
  /** Two running containers on the host network, the listener's recent output holding the talker's message. */
  z.strictObject({
    kind: z.literal('hostNetworkTalk'),
    talker: containerRefSchema,
    listener: containerRefSchema,
    message: z.string().min(1).max(200),
  }),
  /** The container was given a device the engine's host has; skipped when the host has none (read through `helperImage`). */
  z.strictObject({ kind: z.literal('deviceMapped'), container: containerRefSchema, helperImage: imageReferenceSchema }),
  /** The container shares the host's X11 or Wayland display; skipped when the host has none. */
  z.strictObject({ kind: z.literal('displayShared'), container: containerRefSchema, helperImage: imageReferenceSchema }),
]);
export type LearnCheck = z.input<typeof learnCheckSchema>;
export type ParsedLearnCheck = z.output<typeof learnCheckSchema>;
export type LearnCheckKind = LearnCheck['kind'];

/** passed: done; failed: not (yet); skipped: cannot be done on this engine's host (no device, no display). */
export const checkStatusSchema = z.enum(['passed', 'failed', 'skipped']);
export type CheckStatus = z.infer<typeof checkStatusSchema>;

export const learnCheckResultSchema = z.object({
  kind: z.string(),
  status: checkStatusSchema,
  /** What the engine showed, in words: why it passed, what is missing, or why it is skipped. */
  detail: z.string(),
});
export type LearnCheckResult = z.infer<typeof learnCheckResultSchema>;

export const learnCheckOutcomeSchema = z.object({
  /** passed when every check passed; skipped when none failed and one was skipped; else failed. */
  status: checkStatusSchema,
  results: z.array(learnCheckResultSchema),
});
export type LearnCheckOutcome = z.infer<typeof learnCheckOutcomeSchema>;

export const lessonObjectsSchema = z.object({
  containers: z.array(z.object({ id: z.string(), name: z.string(), state: z.string() })),
  /** `ref`: what `docker rmi` is given (a tag, or the ID of an untagged image). */
  images: z.array(z.object({ id: z.string(), ref: z.string() })),
});
export type LessonObjects = z.infer<typeof lessonObjectsSchema>;

export const lessonCleanupInputSchema = z.strictObject({
  lesson: lessonIdSchema,
  prefix: lessonPrefixSchema,
  containers: z.array(containerRefSchema).max(200),
  images: z.array(z.string().regex(/^(sha256:[0-9a-f]{64}|[a-zA-Z0-9][a-zA-Z0-9._/:-]{0,254})$/, 'An image tag or sha256 ID')).max(200),
});
export type LessonCleanupInput = z.infer<typeof lessonCleanupInputSchema>;

export const cleanupOutcomeSchema = z.object({
  kind: z.enum(['container', 'image']),
  ref: z.string(),
  removed: z.boolean(),
  /** Why not: the engine's reason, or "not the lesson's" when it no longer carries the label and prefix. */
  error: z.string().optional(),
});
export type CleanupOutcome = z.infer<typeof cleanupOutcomeSchema>;

/** Outcome of several checks: one failure fails the step, a skip only counts when nothing failed. */
export function combineCheckResults(results: readonly LearnCheckResult[]): CheckStatus {
  if (results.some((r) => r.status === 'failed')) return 'failed';
  if (results.some((r) => r.status === 'skipped')) return 'skipped';
  return 'passed';
}

/** Is this image tag (with or without a registry host) in the lesson's namespace `<prefix>/`? */
export function tagInLessonNamespace(tag: string, prefix: string): boolean {
  const parts = tag.split('/');
  const first = parts[0] ?? '';
  const hasRegistry = parts.length > 1 && (first.includes('.') || first.includes(':') || first === 'localhost');
  const path = hasRegistry ? parts.slice(1).join('/') : tag;
  return path.startsWith(`${prefix}/`);
}

/** Is this container name (with or without the engine's leading /) one the lesson gave? */
export function containerNameInLesson(name: string, prefix: string): boolean {
  return name.replace(/^\//, '').startsWith(`${prefix}-`);
}
