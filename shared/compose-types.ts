import { z } from 'zod';

/**
 * Shapes of the Compose entries (shared/compose-contract.ts). Berth runs the real Compose program
 * (`docker compose`, else `docker-compose`) on the machine it runs on, pointed at the engine the
 * call is for; these describe what it is told and what it said.
 */

/** The two Compose programs Berth knows, as the words that start their command lines. */
export const composeProgramSchema = z.enum(['docker compose', 'docker-compose']);
export type ComposeProgram = z.infer<typeof composeProgramSchema>;

export function composeProgramWords(program: ComposeProgram): string[] {
  return program === 'docker compose' ? ['docker', 'compose'] : ['docker-compose'];
}

export const composeInfoSchema = z.object({
  /** The program found, or null when neither is installed on the machine Berth runs on. */
  program: composeProgramSchema.nullable(),
  version: z.string().optional(),
  /** When none was found: what was tried and how to install one. */
  missing: z.string().optional(),
});
export type ComposeInfo = z.infer<typeof composeInfoSchema>;

/** A Compose project name as both programs accept it (lower-case letters, digits, `-`, `_`). */
export const composeProjectSchema = z
  .string()
  .min(1)
  .max(128)
  .regex(
    /^[a-z0-9][a-z0-9_-]*$/,
    'A project name has lower-case letters, digits, dashes and underscores, and starts with a letter or digit',
  );

export const composeServiceSchema = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[a-zA-Z0-9][a-zA-Z0-9._-]*$/, 'Not a Compose service name');

/** A path on the machine Berth runs on: absolute, one line. */
export const hostPathSchema = z
  .string()
  .min(1)
  .max(4096)
  .regex(/^\/[^\0\n\r]*$/, 'Give an absolute path (starting with /) on the machine Berth runs on');

/**
 * Everything that names one stack to the Compose program: `-p project -f file… [--profile p]…
 * [--env-file path]`. The project folder is the first file's folder (Compose's own default).
 */
export const stackRefSchema = z.strictObject({
  project: composeProjectSchema,
  files: z.array(hostPathSchema).min(1, 'A stack needs its Compose file').max(8),
  profiles: z
    .array(z.string().regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,63}$/, 'Not a profile name'))
    .max(16)
    .default([]),
  envFile: hostPathSchema.optional(),
});
export type StackRef = z.infer<typeof stackRefSchema>;
export type StackRefInput = z.input<typeof stackRefSchema>;

/** The global words of every command for `stack`, after the program's own. */
export function stackWords(stack: StackRefInput): string[] {
  const words = ['-p', stack.project];
  for (const file of stack.files) words.push('-f', file);
  for (const profile of stack.profiles ?? []) words.push('--profile', profile);
  if (stack.envFile) words.push('--env-file', stack.envFile);
  return words;
}

/** What a stack run does. `up` is always detached: Berth shows the logs itself. */
export const stackActionSchema = z.discriminatedUnion('action', [
  z.strictObject({
    action: z.literal('up'),
    /** --build: build images before starting. */
    build: z.boolean().default(false),
    /** 'always': pull newer images first (plugin: `--pull always`; docker-compose: `pull` before `up`). */
    pull: z.enum(['missing', 'always']).default('missing'),
    /** --scale SERVICE=N, for services the file allows to scale. */
    scale: z.record(composeServiceSchema, z.number().int().min(0).max(100)).optional(),
    /** Only these services (and what they depend on); all when empty. */
    services: z.array(composeServiceSchema).max(100).default([]),
  }),
  z.strictObject({
    action: z.literal('down'),
    /** -v: named volumes of the file and the containers' anonymous volumes go too. */
    volumes: z.boolean().default(false),
  }),
  z.strictObject({
    action: z.enum(['stop', 'start', 'restart', 'pull']),
    services: z.array(composeServiceSchema).max(100).default([]),
  }),
]);
export type StackAction = z.infer<typeof stackActionSchema>;
export type StackActionInput = z.input<typeof stackActionSchema>;

/** The words after the global ones for one action. `pullFirst` is docker-compose's `up` with pull always: a `pull` runs before. */
export function actionWords(program: ComposeProgram, action: StackActionInput): string[] {
  switch (action.action) {
    case 'up': {
      const words = ['up', '-d'];
      if (action.build) words.push('--build');
      if (action.pull === 'always' && program === 'docker compose') words.push('--pull', 'always');
      for (const [service, count] of Object.entries(action.scale ?? {})) words.push('--scale', `${service}=${count}`);
      return [...words, ...(action.services ?? [])];
    }
    case 'down':
      return action.volumes ? ['down', '-v'] : ['down'];
    default:
      return [action.action, ...(action.services ?? [])];
  }
}

/** docker-compose 1.x has no `up --pull`: pulling first is a separate `pull` of the same services. */
export function pullsFirst(program: ComposeProgram, action: StackActionInput): boolean {
  return action.action === 'up' && action.pull === 'always' && program === 'docker-compose';
}

export const stackRunInputSchema = z.strictObject({
  program: composeProgramSchema,
  stack: stackRefSchema,
  run: stackActionSchema,
});
export type StackRunInput = z.input<typeof stackRunInputSchema>;

/** Every command a run executes, in order (one, or `pull` then `up`). */
export function stackRunCommands(input: StackRunInput): string[][] {
  const base = [...composeProgramWords(input.program), ...stackWords(input.stack)];
  const commands: string[][] = [];
  if (pullsFirst(input.program, input.run)) {
    const services = input.run.action === 'up' ? (input.run.services ?? []) : [];
    commands.push([...base, 'pull', ...services]);
  }
  commands.push([...base, ...actionWords(input.program, input.run)]);
  return commands;
}

/** What a stack run streams: the program's output as it comes, then one `exit`. */
export const stackRunMessageSchema = z.discriminatedUnion('t', [
  z.object({ t: z.literal('command'), words: z.array(z.string()) }),
  z.object({ t: z.literal('output'), stream: z.enum(['stdout', 'stderr']), text: z.string() }),
  z.object({
    t: z.literal('exit'),
    code: z.number().int().nullable(),
    /** Services whose containers were replaced by this run (up): their container ids changed. */
    recreated: z.array(z.string()).optional(),
    /** Services that got containers they did not have. */
    created: z.array(z.string()).optional(),
  }),
]);
export type StackRunMessage = z.infer<typeof stackRunMessageSchema>;

/** One service as the resolved file (`config`) describes it. */
export const stackServiceSchema = z.object({
  name: z.string(),
  image: z.string().optional(),
  /** Whether `--scale` may run more than one container (not with container_name). */
  scalable: z.boolean(),
  /** Why it may not scale. */
  scaleBlock: z.string().optional(),
  /** Only under these profiles. */
  profiles: z.array(z.string()),
});
export type StackService = z.infer<typeof stackServiceSchema>;

/** A named volume of the file, as the engine names it (`project_name` unless the file names it). */
export const stackVolumeSchema = z.object({ key: z.string(), name: z.string(), external: z.boolean() });
export type StackVolume = z.infer<typeof stackVolumeSchema>;

/** The stack's file as Compose resolves it; `problem` when Compose refused it (the rest is then empty). */
export const stackDescriptionSchema = z.object({
  services: z.array(stackServiceSchema),
  volumes: z.array(stackVolumeSchema),
  problem: z.string().optional(),
  /** The files that are not on the machine Berth runs on (a stack brought up elsewhere). */
  missingFiles: z.array(z.string()).optional(),
});
export type StackDescription = z.infer<typeof stackDescriptionSchema>;

/** A problem in a Compose file, at its line when it could be found (1-based). */
export const fileProblemSchema = z.object({
  message: z.string(),
  line: z.number().int().min(1).optional(),
  column: z.number().int().min(1).optional(),
  /** Who found it: the YAML parser (syntax) or the Compose program's `config` check. */
  source: z.enum(['yaml', 'compose']),
});
export type FileProblem = z.infer<typeof fileProblemSchema>;

export const stackFileSchema = z.object({
  path: z.string(),
  text: z.string(),
  /** sha256 of the text as read; a save names it so a file changed elsewhere meanwhile is not overwritten. */
  hash: z.string(),
});
export type StackFile = z.infer<typeof stackFileSchema>;

/** Largest Compose file Berth reads or writes. */
export const maxComposeFileBytes = 1024 * 1024;
