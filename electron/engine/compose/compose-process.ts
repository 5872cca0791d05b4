import { spawn } from 'node:child_process';

export interface ComposeProcessOptions {
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
  /** Written to the program's stdin, which is then closed (empty when absent). */
  readonly stdin?: string;
  /** Output as it comes, decoded as UTF-8 (characters never split between calls). */
  readonly onOutput?: (stream: 'stdout' | 'stderr', text: string) => void;
}

export interface ComposeProcess {
  /** The exit code; null when a signal ended it. Rejects only when the program could not start. */
  readonly exited: Promise<number | null>;
  /** SIGINT (Compose stops what it was doing and says so), then SIGKILL after `graceMs`. */
  cancel(graceMs?: number): void;
}

/** Runs one Compose command as words (no shell: a value is only ever one argument). */
export function startCompose(words: readonly string[], options: ComposeProcessOptions): ComposeProcess {
  const child = spawn(words[0] as string, words.slice(1), { env: options.env, cwd: options.cwd, stdio: ['pipe', 'pipe', 'pipe'] });
  let killTimer: NodeJS.Timeout | undefined;
  for (const stream of ['stdout', 'stderr'] as const) {
    const source = child[stream];
    source.setEncoding('utf8');
    source.on('data', (text: string) => options.onOutput?.(stream, text));
  }
  child.stdin.on('error', () => undefined); // the program may exit before reading it all
  child.stdin.end(options.stdin ?? '');
  const exited = new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(killTimer);
      resolve(code);
    });
  });
  return {
    exited,
    cancel(graceMs = 5000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGINT');
      killTimer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      killTimer.unref();
    },
  };
}

/** Most output a captured command keeps (a `config` of a big file is well under it). */
const captureLimit = 4 * 1024 * 1024;

/** Runs a short Compose command to its end and gives its exit code and output. */
export async function captureCompose(
  words: readonly string[],
  options: Omit<ComposeProcessOptions, 'onOutput'>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const run = startCompose(words, {
    ...options,
    onOutput: (stream, text) => {
      if (stream === 'stdout' && stdout.length < captureLimit) stdout += text;
      if (stream === 'stderr' && stderr.length < captureLimit) stderr += text;
    },
  });
  const timer = setTimeout(() => run.cancel(), 60_000);
  try {
    const code = await run.exited;
    return { code, stdout, stderr };
  } finally {
    clearTimeout(timer);
  }
}
