import { z } from 'zod';
import { defineCall, defineStream } from './contract-kit.js';
import {
  composeInfoSchema,
  composeProgramSchema,
  composeProgramWords,
  composeProjectSchema,
  fileProblemSchema,
  hostPathSchema,
  maxComposeFileBytes,
  stackDescriptionSchema,
  stackFileSchema,
  stackRefSchema,
  stackRunCommands,
  stackRunInputSchema,
  stackRunMessageSchema,
  stackWords,
} from './compose-types.js';
import { formatCommandSequence } from './shell-command.js';

/**
 * Contract entries for Compose stacks. The real Compose program is the engine of record: every
 * entry that runs it names the program (`docker compose` or `docker-compose`, as compose.info
 * found it) so the shown command is the one that runs. Paths are on the machine Berth runs on.
 */

const fileText = z.string().max(maxComposeFileBytes, `A Compose file over ${maxComposeFileBytes / 1024} KiB is not edited in Berth`);

export const composeCalls = {
  /** Which Compose program this machine has (none: how to install one). */
  'compose.info': defineCall({
    input: z.strictObject({}),
    output: composeInfoSchema,
  }),
  /** Stacks opened in Berth for this engine (kept while Berth runs), including those with no containers yet. */
  'compose.opened': defineCall({
    input: z.strictObject({}),
    output: z.array(stackRefSchema),
  }),
  /**
   * Opens a stack from a folder (its compose.yaml, compose.yml, docker-compose.yml or
   * docker-compose.yaml) or a file; extra -f files, profiles and an --env-file come with it.
   * Compose's `config` check runs: a file it refuses still opens (to be fixed in the editor).
   */
  'compose.open': defineCall({
    input: z.strictObject({
      program: composeProgramSchema,
      path: hostPathSchema,
      /** Default: the folder's name, as Compose makes it. */
      project: composeProjectSchema.optional(),
      extraFiles: z.array(hostPathSchema).max(7).default([]),
      profiles: stackRefSchema.shape.profiles,
      envFile: hostPathSchema.optional(),
    }),
    output: z.object({ stack: stackRefSchema, description: stackDescriptionSchema }),
    cliArgs: (i) => [
      ...composeProgramWords(i.program),
      ...stackWords({ project: i.project ?? 'NAME', files: [i.path, ...(i.extraFiles ?? [])], profiles: i.profiles, envFile: i.envFile }),
      'config',
      '--services',
    ],
  }),
  /**
   * A new stack from a Compose text (the run form's export): writes FOLDER/compose.yaml (the folder
   * is made if missing; CONFLICT, nothing written, when it already holds a Compose file), then opens
   * it as compose.open does. Starts nothing. The command shown is the check that opening runs: the
   * write itself is no docker command.
   */
  'compose.create': defineCall({
    input: z.strictObject({
      program: composeProgramSchema,
      folder: hostPathSchema,
      project: composeProjectSchema,
      text: fileText.min(1, 'The new Compose file is empty'),
    }),
    output: z.object({ stack: stackRefSchema, description: stackDescriptionSchema }),
    cliArgs: (i) => [
      ...composeProgramWords(i.program),
      ...stackWords({ project: i.project, files: [`${i.folder.replace(/\/+$/, '')}/compose.yaml`] }),
      'config',
      '--services',
    ],
  }),
  /** Forgets an opened stack (its containers and files are untouched). */
  'compose.close': defineCall({
    input: z.strictObject({ project: composeProjectSchema }),
    output: z.null(),
  }),
  /** Services and named volumes of the stack as Compose resolves its files (`config`). */
  'compose.describe': defineCall({
    input: z.strictObject({ program: composeProgramSchema, stack: stackRefSchema }),
    output: stackDescriptionSchema,
    cliArgs: (i) => [...composeProgramWords(i.program), ...stackWords(i.stack), 'config'],
  }),
  'compose.readFile': defineCall({
    input: z.strictObject({ path: hostPathSchema }),
    output: stackFileSchema,
  }),
  /**
   * Checks `text` as the stack's file `path` would be: YAML syntax first (with its line), then
   * Compose's own `config -q` with the text on stdin in that file's place. Changes nothing.
   */
  'compose.check': defineCall({
    input: z.strictObject({ program: composeProgramSchema, stack: stackRefSchema, path: hostPathSchema, text: fileText }),
    output: z.object({ problems: z.array(fileProblemSchema) }),
    cliArgs: (i) => [
      ...composeProgramWords(i.program),
      ...stackWords({ ...i.stack, files: i.stack.files.map((f) => (f === i.path ? '-' : f)) }),
      'config',
      '-q',
    ],
  }),
  /** Saves the file, unless it changed on disk since it was read (`baseHash`): CONFLICT then, nothing written. */
  'compose.saveFile': defineCall({
    input: z.strictObject({ path: hostPathSchema, text: fileText, baseHash: z.string().regex(/^[a-f0-9]{64}$/) }),
    output: stackFileSchema,
  }),
} as const;

export const composeStreams = {
  /**
   * Runs one action on a stack (`up -d`, `down`, `stop`, …) and streams the program's output,
   * then its exit (after `up`, which services got new containers). Unsubscribing cancels it
   * (SIGINT, then SIGKILL); a client that goes away cancels its runs.
   */
  'compose.run': defineStream({
    input: stackRunInputSchema,
    message: stackRunMessageSchema,
    cli: (i) => formatCommandSequence(stackRunCommands(i)),
  }),
} as const;
