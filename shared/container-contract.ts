import { z } from 'zod';
import { defineCall, defineStream } from './contract-kit.js';
import { containerRefSchema } from './container-ref.js';
import { containerSummarySchema } from './engine-types.js';
import { runSpecSchema } from './run-spec.js';
import { dockerRunWords } from './docker-run-format.js';
import { filesystemChangeSchema, jsonValueSchema, processListSchema, statsSampleSchema } from './container-detail-types.js';

/** A new container name, as `docker rename` accepts it. */
export const containerNameSchema = z
  .string()
  .regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,127}$/, 'Use letters, digits, _ . or - (and start with a letter or digit)');

/** An image repository, optionally with a registry host: `ros`, `osrf/ros`, `localhost:5000/robot/base`. */
export const repositorySchema = z
  .string()
  .max(255)
  .regex(
    /^(?:[a-zA-Z0-9.-]+(?::\d+)?\/)?[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/,
    'Not a valid repository name (lowercase letters, digits, separators; optional registry host first)',
  );
export const tagSchema = z.string().regex(/^[\w][\w.-]{0,127}$/, 'Not a valid tag (letters, digits, _ . -, at most 128)');

/** A signal name or number, as `docker kill --signal` takes it. */
const signalSchema = z.string().regex(/^(?:SIG)?[A-Z0-9+-]{1,16}$|^\d{1,2}$/, 'Not a signal name (e.g. SIGTERM, KILL, 9)');

const nothing = z.null();
const noInput = z.strictObject({});
const byContainer = z.strictObject({ id: containerRefSchema });

/** Contract entries for containers (their logs are in logs-contract.ts). Spread into `calls` and `streams` in contract.ts. */
export const containerCalls = {
  'containers.list': defineCall({
    input: noInput,
    output: z.array(containerSummarySchema),
    cliArgs: () => ['docker', 'ps', '--all', '--no-trunc'],
  }),
  'containers.start': defineCall({ input: byContainer, output: nothing, cliArgs: (i) => ['docker', 'start', i.id] }),
  'containers.stop': defineCall({
    input: z.strictObject({ id: containerRefSchema, timeoutSeconds: z.number().int().min(0).max(3600).optional() }),
    output: nothing,
    cliArgs: (i) => ['docker', 'stop', ...(i.timeoutSeconds === undefined ? [] : ['--time', String(i.timeoutSeconds)]), i.id],
  }),
  'containers.restart': defineCall({ input: byContainer, output: nothing, cliArgs: (i) => ['docker', 'restart', i.id] }),
  'containers.remove': defineCall({
    input: z.strictObject({
      id: containerRefSchema,
      force: z.boolean().optional(),
      removeVolumes: z.boolean().optional(),
    }),
    output: nothing,
    cliArgs: (i) => ['docker', 'rm', ...(i.force ? ['--force'] : []), ...(i.removeVolumes ? ['--volumes'] : []), i.id],
  }),

  /** `docker run` (start: true) or `docker create` (start: false) from the run form. */
  'containers.run': defineCall({
    input: z.strictObject({ spec: runSpecSchema, start: z.boolean() }),
    output: z.object({ id: z.string(), name: z.string(), started: z.boolean(), startError: z.string().optional() }),
    cliArgs: (i) => dockerRunWords(i.spec, i.start ? 'detached' : 'create'),
  }),
  'containers.pause': defineCall({ input: byContainer, output: nothing, cliArgs: (i) => ['docker', 'pause', i.id] }),
  'containers.unpause': defineCall({ input: byContainer, output: nothing, cliArgs: (i) => ['docker', 'unpause', i.id] }),
  'containers.kill': defineCall({
    input: z.strictObject({ id: containerRefSchema, signal: signalSchema.optional() }),
    output: nothing,
    cliArgs: (i) => ['docker', 'kill', ...(i.signal ? ['--signal', i.signal] : []), i.id],
  }),
  'containers.rename': defineCall({
    input: z.strictObject({ id: containerRefSchema, name: containerNameSchema }),
    output: nothing,
    cliArgs: (i) => ['docker', 'rename', i.id, i.name],
  }),
  'containers.inspect': defineCall({ input: byContainer, output: jsonValueSchema, cliArgs: (i) => ['docker', 'inspect', i.id] }),
  'containers.changes': defineCall({
    input: byContainer,
    output: z.array(filesystemChangeSchema),
    cliArgs: (i) => ['docker', 'diff', i.id],
  }),
  'containers.top': defineCall({ input: byContainer, output: processListSchema, cliArgs: (i) => ['docker', 'top', i.id] }),
  'containers.commit': defineCall({
    input: z.strictObject({
      id: containerRefSchema,
      repository: repositorySchema,
      tag: tagSchema.optional(),
      message: z.string().max(10_000).optional(),
      author: z.string().max(500).optional(),
      /** Pause the container while committing (the engine's default, as with `docker commit`). */
      pause: z.boolean().optional(),
    }),
    output: z.object({ imageId: z.string() }),
    cliArgs: (i) => [
      'docker',
      'commit',
      ...(i.message ? ['--message', i.message] : []),
      ...(i.author ? ['--author', i.author] : []),
      ...(i.pause === false ? ['--pause=false'] : []),
      i.id,
      i.tag ? `${i.repository}:${i.tag}` : i.repository,
    ],
  }),
} as const;

export const containerStreams = {
  /** Live resource use of one container, one sample a second. */
  'containers.stats': defineStream({ input: byContainer, message: statsSampleSchema, cliArgs: (i) => ['docker', 'stats', i.id] }),
} as const;
