import { access } from 'node:fs/promises';
import { dirname } from 'node:path';
import { BerthError } from '../../../shared/errors.js';
import {
  composeProgramWords,
  stackRunCommands,
  stackWords,
  type ComposeInfo,
  type ComposeProgram,
  type FileProblem,
  type StackDescription,
  type StackFile,
  type StackRef,
  type StackRefInput,
  type StackRunInput,
  type StackRunMessage,
} from '../../../shared/compose-types.js';
import type { EngineConnection } from '../engine-connection.js';
import type { StreamCloser, StreamSink } from '../stream-sink.js';
import { toRpcError } from '../to-rpc-error.js';
import { cleanComposeMessage, composeProblems, describeResolvedConfig, yamlProblems } from './compose-config.js';
import { composeEnvironment } from './compose-environment.js';
import { createComposeFile, defaultProjectName, readComposeFile, resolveComposeFile, saveComposeFile } from './compose-files.js';
import { captureCompose, startCompose, type ComposeProcess } from './compose-process.js';
import { findComposeProgram, type ProgramProbe } from './compose-program.js';

export interface OpenStackRequest {
  readonly program: ComposeProgram;
  readonly path: string;
  readonly project?: string | undefined;
  readonly extraFiles?: readonly string[] | undefined;
  readonly profiles?: readonly string[] | undefined;
  readonly envFile?: string | undefined;
}

export interface ComposeServiceOptions {
  /** How programs are probed, and which ones in what order (tests: none, to see the missing state). */
  readonly probe?: ProgramProbe;
  readonly candidates?: readonly ComposeProgram[];
}

/** Most output one run sends; past it the run goes on and one line says the rest was not shown. */
const maxRunOutputChars = 8 * 1024 * 1024;

const projectLabel = 'com.docker.compose.project';
const serviceLabel = 'com.docker.compose.service';

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * Compose stacks on one engine, driven by the real Compose program (`docker compose`, else
 * `docker-compose`) pointed at this engine through DOCKER_HOST (and the TLS variables). Stacks
 * opened by the user are kept in memory for this engine while Berth runs; stacks with containers
 * are listed by the renderer from the live model's Compose labels.
 */
export class ComposeService {
  private programInfo: Promise<ComposeInfo> | undefined;
  private readonly openedStacks = new Map<string, StackRef>();
  /** Running programs by the client that started them. */
  private readonly runs = new Map<string, Set<ComposeProcess>>();
  private closed = false;

  constructor(
    readonly connection: EngineConnection,
    private readonly options: ComposeServiceOptions = {},
  ) {}

  /** The program found on this machine (probed once; probed again while none is found). */
  async info(): Promise<ComposeInfo> {
    this.programInfo ??= findComposeProgram(this.options.probe, this.options.candidates);
    const info = await this.programInfo;
    if (info.program === null) this.programInfo = undefined;
    return info;
  }

  opened(): StackRef[] {
    return [...this.openedStacks.values()];
  }

  close(project: string): void {
    this.openedStacks.delete(project);
  }

  async open(request: OpenStackRequest): Promise<{ stack: StackRef; description: StackDescription }> {
    await this.requireProgram(request.program);
    const file = await resolveComposeFile(request.path);
    const extraFiles = request.extraFiles ?? [];
    for (const extra of [...extraFiles, ...(request.envFile ? [request.envFile] : [])]) {
      if (!(await exists(extra)))
        throw new BerthError({ code: 'NOT_FOUND', message: `${extra} does not exist on the machine Berth runs on` });
    }
    const stack: StackRef = {
      project: request.project ?? defaultProjectName(dirname(file)),
      files: [file, ...extraFiles],
      profiles: [...(request.profiles ?? [])],
      ...(request.envFile ? { envFile: request.envFile } : {}),
    };
    const description = await this.describe(request.program, stack);
    this.openedStacks.set(stack.project, stack);
    return { stack, description };
  }

  /**
   * A new stack: writes `text` as compose.yaml in `folder` (never over an existing Compose file),
   * then opens it under `project`. Nothing is started.
   */
  async create(
    program: ComposeProgram,
    folder: string,
    project: string,
    text: string,
  ): Promise<{ stack: StackRef; description: StackDescription }> {
    await this.requireProgram(program);
    const file = await createComposeFile(folder, text);
    return this.open({ program, path: file.path, project });
  }

  /** Services and named volumes as `config` resolves the files; Compose's refusal as `problem`. */
  async describe(program: ComposeProgram, stack: StackRefInput): Promise<StackDescription> {
    await this.requireProgram(program);
    const missingFiles: string[] = [];
    for (const file of stack.files) if (!(await exists(file))) missingFiles.push(file);
    if (missingFiles.length > 0) {
      return {
        services: [],
        volumes: [],
        missingFiles,
        problem: `The stack's files are not on the machine Berth runs on: ${missingFiles.join(', ')}`,
      };
    }
    const result = await captureCompose(
      [...composeProgramWords(program), ...stackWords(stack), 'config'],
      await this.processOptions(stack),
    );
    if (result.code !== 0) return { services: [], volumes: [], problem: cleanComposeMessage(result.stderr || result.stdout) };
    return describeResolvedConfig(result.stdout, stack.project);
  }

  readFile(path: string): Promise<StackFile> {
    return readComposeFile(path);
  }

  saveFile(path: string, text: string, baseHash: string): Promise<StackFile> {
    return saveComposeFile(path, text, baseHash);
  }

  /** YAML syntax first (at its line), then Compose's `config -q` with `text` in place of `path`. */
  async check(program: ComposeProgram, stack: StackRefInput, path: string, text: string): Promise<FileProblem[]> {
    const syntax = yamlProblems(text);
    if (syntax.length > 0) return syntax;
    await this.requireProgram(program);
    if (!stack.files.includes(path)) throw new BerthError({ code: 'BAD_REQUEST', message: `${path} is not one of the stack's files` });
    const files = stack.files.map((f) => (f === path ? '-' : f));
    const words = [...composeProgramWords(program), ...stackWords({ ...stack, files }), 'config', '-q'];
    const result = await captureCompose(words, { ...(await this.processOptions(stack)), stdin: text });
    return result.code === 0 ? [] : composeProblems(result.stderr || result.stdout, text);
  }

  /** Runs one action; streams the output, then the exit (with the services `up` gave new containers). */
  run(request: StackRunInput, sink: StreamSink<StackRunMessage>, clientId: string): StreamCloser {
    let cancelled = false;
    let current: ComposeProcess | undefined;
    const mine = this.runs.get(clientId) ?? new Set<ComposeProcess>();
    this.runs.set(clientId, mine);
    let sent = 0;
    let truncated = false;
    let lastLine = '';
    const output = (stream: 'stdout' | 'stderr', text: string): void => {
      const lines = text.split('\n').filter((l) => l.trim() !== '');
      if (lines.length > 0) lastLine = (lines.at(-1) as string).slice(0, 500);
      if (truncated) return;
      sent += text.length;
      if (sent > maxRunOutputChars) {
        truncated = true;
        sink.send({ t: 'output', stream: 'stderr', text: '\n[Berth: further output not shown; the command goes on]\n' });
        return;
      }
      sink.send({ t: 'output', stream, text });
    };

    const work = async (): Promise<void> => {
      await this.requireProgram(request.program);
      const cwd = dirname(request.stack.files[0] as string);
      if (!(await exists(cwd))) {
        throw new BerthError({ code: 'NOT_FOUND', message: `The stack's folder ${cwd} is not on the machine Berth runs on` });
      }
      const before = request.run.action === 'up' ? await this.containerIds(request.stack.project) : undefined;
      let code: number | null = 0;
      // The environment (for ssh:// engines, one `ssh -G` lookup) is the same for every command of the run.
      const options = await this.processOptions(request.stack);
      for (const words of stackRunCommands(request)) {
        if (cancelled || this.closed) return;
        sink.send({ t: 'command', words });
        current = startCompose(words, { ...options, onOutput: output });
        mine.add(current);
        try {
          code = await current.exited;
        } finally {
          mine.delete(current);
        }
        if (code !== 0) break;
      }
      if (cancelled) return;
      const exit: StackRunMessage = { t: 'exit', code };
      if (before && code === 0) Object.assign(exit, changedServices(before, await this.containerIds(request.stack.project)));
      sink.send(exit);
      if (code === 0) sink.end();
      else {
        const said = lastLine.trim() ? `: ${lastLine.trim()}` : '';
        sink.end(
          new BerthError({
            code: 'ENGINE_ERROR',
            message: `${composeProgramWords(request.program).join(' ')} exited with code ${code ?? '(killed)'}${said}`,
          }),
        );
      }
    };
    work().catch((err: unknown) => {
      if (!cancelled) sink.end(toRpcError(err));
    });
    return () => {
      cancelled = true;
      current?.cancel();
    };
  }

  /** Compose programs running now (for tests and diagnostics). */
  get runningPrograms(): number {
    let count = 0;
    for (const set of this.runs.values()) count += set.size;
    return count;
  }

  /** A client left: the Compose runs it started are cancelled. */
  disposeClient(clientId: string): void {
    for (const run of this.runs.get(clientId) ?? []) run.cancel();
    this.runs.delete(clientId);
  }

  /** Cancels every running Compose program. Never rejects. */
  async closeAll(): Promise<void> {
    this.closed = true;
    const all = [...this.runs.values()].flatMap((set) => [...set]);
    for (const run of all) run.cancel(2000);
    await Promise.allSettled(all.map((run) => run.exited));
    this.runs.clear();
  }

  private async processOptions(stack: StackRefInput): Promise<{ env: NodeJS.ProcessEnv; cwd: string }> {
    return { env: await composeEnvironment(this.connection.spec), cwd: dirname(stack.files[0] as string) };
  }

  private async requireProgram(program: ComposeProgram): Promise<void> {
    const info = await this.info();
    if (info.program === program) return;
    throw new BerthError({
      code: info.program ? 'BAD_REQUEST' : 'NOT_FOUND',
      message: info.program
        ? `This machine runs Compose as \`${info.program}\`, not \`${program}\``
        : (info.missing ?? 'No Compose program found'),
    });
  }

  /** Container ids of the project per service, straight from the engine (a run's before and after). */
  private async containerIds(project: string): Promise<Map<string, Set<string>>> {
    const list = await this.connection.use((docker) =>
      docker.listContainers({ all: true, filters: { label: [`${projectLabel}=${project}`] } }),
    );
    const byService = new Map<string, Set<string>>();
    for (const c of list) {
      const service = c.Labels?.[serviceLabel];
      if (!service) continue;
      const ids = byService.get(service) ?? new Set<string>();
      ids.add(c.Id);
      byService.set(service, ids);
    }
    return byService;
  }
}

/** Services whose containers changed between two lists: recreated (one went, another came) and created (new ones only). */
export function changedServices(
  before: ReadonlyMap<string, ReadonlySet<string>>,
  after: ReadonlyMap<string, ReadonlySet<string>>,
): { recreated: string[]; created: string[] } {
  const recreated: string[] = [];
  const created: string[] = [];
  for (const [service, ids] of after) {
    const had = before.get(service);
    const added = [...ids].some((id) => !had?.has(id));
    if (!added) continue;
    // Scaled up keeps the old containers: only a container that went and another that came is a recreation.
    if (had && [...had].some((id) => !ids.has(id))) recreated.push(service);
    else created.push(service);
  }
  return { recreated: recreated.sort(), created: created.sort() };
}
