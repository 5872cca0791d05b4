import { execFile, type ExecFileException } from 'node:child_process';

/**
 * The docker credential helper protocol (github.com/docker/docker-credential-helpers):
 * `docker-credential-<name> get` reads a server URL on stdin and prints
 * `{"ServerURL","Username","Secret"}`; `list` prints `{serverURL: username}`. A helper that has
 * nothing for the URL exits non-zero and prints "credentials not found in native keychain".
 */

/** What a helper gave for one registry. `<token>` as the username means the secret is an identity token. */
export interface HelperCredential {
  username: string;
  secret: string;
  isIdentityToken: boolean;
}

export type HelperAnswer<T> =
  | { kind: 'found'; value: T }
  /** The helper answered, and holds nothing for this registry. */
  | { kind: 'not-found' }
  /** No `docker-credential-<name>` on PATH. */
  | { kind: 'missing'; message: string }
  /** Anything else: timeout, crash, unreadable output, invalid name. Never contains a secret. */
  | { kind: 'failed'; message: string };

export interface CredentialHelperClient {
  get(helper: string, serverUrl: string): Promise<HelperAnswer<HelperCredential>>;
  /** Server URLs the helper holds credentials for, with their usernames. */
  list(helper: string): Promise<HelperAnswer<Record<string, string>>>;
}

export interface CredentialHelperOptions {
  /** How long one helper run may take; a helper asking the user for a keyring password may be slow. */
  timeoutMs?: number;
  /** More than this on stdout or stderr is not a credential: the run fails. */
  maxOutputBytes?: number;
  /** The environment the helper runs in (its PATH decides which binary runs). */
  env?: NodeJS.ProcessEnv;
}

const helperNamePattern = /^[a-zA-Z0-9._-]+$/;
const notFoundPattern = /credentials not found/i;

/** Whether a credsStore / credHelpers value may be turned into a program name. */
export function isValidHelperName(name: string): boolean {
  return helperNamePattern.test(name) && name.length <= 100;
}

export function helperProgram(name: string): string {
  return `docker-credential-${name}`;
}

/** One line of a helper's own words, short: enough to tell the user what went wrong. */
function firstLine(text: string): string {
  const line = text.trim().split('\n')[0] ?? '';
  return line.length > 200 ? `${line.slice(0, 200)}…` : line;
}

interface RunOutcome {
  stdout: string;
  error?: ExecFileException;
  stderr: string;
}

/** Runs the helper with no shell, stdin given, a timeout and bounded output. */
function runHelper(
  program: string,
  action: 'get' | 'list',
  input: string,
  options: Required<Omit<CredentialHelperOptions, 'env'>> & { env: NodeJS.ProcessEnv },
): Promise<RunOutcome> {
  return new Promise((resolve) => {
    const child = execFile(
      program,
      [action],
      { timeout: options.timeoutMs, maxBuffer: options.maxOutputBytes, env: options.env, windowsHide: true, encoding: 'utf8' },
      (error, stdout, stderr) => resolve({ stdout, stderr, ...(error ? { error } : {}) }),
    );
    // A helper that exits before reading stdin makes this write fail with EPIPE: its exit says why.
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(input);
  });
}

/** Calls helper programs found on PATH, as the docker CLI does. */
export class ExecCredentialHelpers implements CredentialHelperClient {
  private readonly options: Required<Omit<CredentialHelperOptions, 'env'>> & { env: NodeJS.ProcessEnv };

  constructor(options: CredentialHelperOptions = {}) {
    this.options = {
      timeoutMs: options.timeoutMs ?? 15_000,
      maxOutputBytes: options.maxOutputBytes ?? 256 * 1024,
      env: options.env ?? process.env,
    };
  }

  async get(helper: string, serverUrl: string): Promise<HelperAnswer<HelperCredential>> {
    const answer = await this.run(helper, 'get', serverUrl);
    if (answer.kind !== 'found') return answer;
    const parsed = parseJson(answer.value) as { Username?: unknown; Secret?: unknown } | undefined;
    if (!parsed || typeof parsed.Username !== 'string' || typeof parsed.Secret !== 'string') {
      return { kind: 'failed', message: `${helperProgram(helper)} get gave an answer that is not {ServerURL, Username, Secret}` };
    }
    if (parsed.Secret === '') return { kind: 'not-found' };
    const isIdentityToken = parsed.Username === '<token>';
    return { kind: 'found', value: { username: isIdentityToken ? '' : parsed.Username, secret: parsed.Secret, isIdentityToken } };
  }

  async list(helper: string): Promise<HelperAnswer<Record<string, string>>> {
    const answer = await this.run(helper, 'list', 'unused');
    if (answer.kind !== 'found') return answer;
    const parsed = parseJson(answer.value);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      return { kind: 'failed', message: `${helperProgram(helper)} list gave an answer that is not a {serverURL: username} object` };
    }
    const out: Record<string, string> = {};
    for (const [url, username] of Object.entries(parsed as Record<string, unknown>)) if (typeof username === 'string') out[url] = username;
    return { kind: 'found', value: out };
  }

  private async run(helper: string, action: 'get' | 'list', input: string): Promise<HelperAnswer<string>> {
    if (!isValidHelperName(helper))
      return { kind: 'failed', message: `"${helper}" is not a valid credential helper name (letters, digits, . _ - only)` };
    const program = helperProgram(helper);
    const { stdout, stderr, error } = await runHelper(program, action, input, this.options);
    if (!error) return { kind: 'found', value: stdout };
    if (error.code === 'ENOENT') return { kind: 'missing', message: `${program} is not installed (not found on PATH)` };
    if (error.code === 'EACCES') return { kind: 'missing', message: `${program} is not executable` };
    if (error.killed || error.signal)
      return { kind: 'failed', message: `${program} ${action} did not answer within ${Math.round(this.options.timeoutMs / 1000)} s` };
    if (error.code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER')
      return { kind: 'failed', message: `${program} ${action} printed more than ${this.options.maxOutputBytes} bytes` };
    // The helper's words are on stdout (the protocol) or stderr; neither holds the secret it failed to give.
    const said = firstLine(stdout) || firstLine(stderr);
    if (notFoundPattern.test(said)) return { kind: 'not-found' };
    return { kind: 'failed', message: `${program} ${action} failed${said ? `: ${said}` : ` (exit code ${String(error.code)})`}` };
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
