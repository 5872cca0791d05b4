import { readFileSync } from 'node:fs';

/** What `npm run web` was asked to do, after flags and environment are combined. */
export interface WebOptions {
  readonly host: string;
  readonly port: number;
  /** Undefined: the server generates one. */
  readonly token: string | undefined;
  /** Where the token came from, printed at start-up. */
  readonly tokenSource: TokenSource;
  /** Undefined: the engine connection falls back to its platform default. */
  readonly dockerHost: string | undefined;
  /** Lets web clients open a shell on this machine (off by default: the token would then be a login). */
  readonly allowHostShell: boolean;
  /** --engines-file: where engines added in Berth are saved; undefined: the default under the user's config folder. */
  readonly enginesFile?: string;
}

/** `--token` is visible to every user in /proc/<pid>/cmdline; a file or the environment is not. */
export type TokenSource = { kind: 'flag' } | { kind: 'file'; path: string } | { kind: 'env'; name: string } | { kind: 'generated' };

/** Reads a token file; injected so tests need no files. */
export type TokenFileReader = (path: string) => string;

export type WebCommand = { kind: 'run'; options: WebOptions } | { kind: 'help' };

/** A usage mistake: web-main prints the message and exits with code 2, like other CLI tools. */
export class WebOptionsError extends Error {
  override readonly name = 'WebOptionsError';
}

export const webUsage = `Usage: npm run web -- [options]

  --host <address>       Interface to listen on (default 127.0.0.1). Anything but loopback
                         exposes Docker, which is root on this machine, to your network.
  --port <number>        Port (default 7420, or BERTH_WEB_PORT); 0 picks any free port.
  --token-file <path>    Read the token the page must present from this file (first line).
  --token <secret>       The token itself; other users can read it in the process list, so
                         prefer --token-file or the BERTH_TOKEN environment variable.
                         Default: BERTH_TOKEN, else a random token for this run.
  --docker-host <url>    Docker endpoint, e.g. unix:///var/run/docker.sock (default DOCKER_HOST).
  --engines-file <path>  Where engines added in Berth are saved (default
                         $XDG_CONFIG_HOME/berth/engines.json or ~/.config/berth/engines.json).
  --allow-host-shell     Let the web page open a shell on this machine (off by default).
  --help                 Show this help.`;

export const defaultWebPort = 7420;

const valueFlags = ['--host', '--port', '--token', '--token-file', '--docker-host', '--engines-file'] as const;
type ValueFlag = (typeof valueFlags)[number];

function isValueFlag(flag: string): flag is ValueFlag {
  return (valueFlags as readonly string[]).includes(flag);
}

function parsePort(raw: string, source: string): number {
  const trimmed = raw.trim();
  const port = /^\d{1,5}$/.test(trimmed) ? Number(trimmed) : NaN;
  if (!Number.isInteger(port) || port > 65535) {
    throw new WebOptionsError(`Invalid ${source} "${raw}": expected a whole number from 0 to 65535 (0 picks any free port).`);
  }
  return port;
}

function parseToken(raw: string, source: string): string {
  // The token travels in the printed link; restricting it to URL-safe characters keeps that link intact.
  if (!/^[A-Za-z0-9._~-]{16,256}$/.test(raw)) {
    throw new WebOptionsError(`Invalid ${source}: use 16 to 256 letters, digits or . _ ~ - (it goes into a URL).`);
  }
  return raw;
}

function parseHost(raw: string): string {
  const host = raw.trim();
  if (host.length === 0 || /[\s/?#@]/.test(host)) {
    throw new WebOptionsError(`Invalid --host "${raw}": expected an address or name such as 127.0.0.1, ::1 or 192.168.1.20.`);
  }
  return host;
}

function readTokenFile(path: string, read: TokenFileReader): string {
  let text: string;
  try {
    text = read(path);
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    throw new WebOptionsError(`Cannot read --token-file "${path}"${typeof code === 'string' ? ` (${code})` : ''}.`);
  }
  // The first line, so `echo secret > file` works.
  return parseToken(text.split(/\r?\n/, 1)[0]?.trim() ?? '', `token in --token-file "${path}"`);
}

/** The token and where it came from: --token-file or --token, then BERTH_TOKEN (or the older BERTH_WEB_TOKEN), else generated. */
function chooseToken(
  given: ReadonlyMap<ValueFlag, string>,
  env: Readonly<Record<string, string | undefined>>,
  read: TokenFileReader,
): { token: string | undefined; tokenSource: TokenSource } {
  const flag = given.get('--token');
  const file = given.get('--token-file');
  if (flag !== undefined && file !== undefined) throw new WebOptionsError('Give either --token or --token-file, not both.');
  if (file !== undefined) return { token: readTokenFile(file, read), tokenSource: { kind: 'file', path: file } };
  if (flag !== undefined) return { token: parseToken(flag, '--token'), tokenSource: { kind: 'flag' } };
  for (const name of ['BERTH_TOKEN', 'BERTH_WEB_TOKEN']) {
    const value = env[name];
    if (value !== undefined && value !== '') return { token: parseToken(value, name), tokenSource: { kind: 'env', name } };
  }
  return { token: undefined, tokenSource: { kind: 'generated' } };
}

/** One line for the start-up output: where the token came from, and a nudge away from --token. */
export function describeTokenSource(source: TokenSource): string {
  switch (source.kind) {
    case 'flag':
      return 'Token: from --token (other users of this machine can read it in the process list; prefer --token-file or BERTH_TOKEN)';
    case 'file':
      return `Token: from --token-file ${source.path}`;
    case 'env':
      return `Token: from the ${source.name} environment variable`;
    case 'generated':
      return 'Token: generated at random for this run (use --token-file or BERTH_TOKEN to keep one across restarts)';
  }
}

/** Reads `--flag value` and `--flag=value` pairs; flags win over environment variables, which win over defaults. */
export function parseWebOptions(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  read: TokenFileReader = (path) => readFileSync(path, 'utf8'),
): WebCommand {
  const given = new Map<ValueFlag, string>();
  let allowHostShell = false;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    if (arg === '--help' || arg === '-h') return { kind: 'help' };
    if (arg === '--allow-host-shell') {
      allowHostShell = true;
      continue;
    }
    const eq = arg.indexOf('=');
    const flag = eq === -1 ? arg : arg.slice(0, eq);
    if (!isValueFlag(flag)) throw new WebOptionsError(`Unknown option "${arg}".`);
    let value: string | undefined;
    if (eq === -1) {
      value = argv[i + 1];
      if (value === undefined || value.startsWith('--')) throw new WebOptionsError(`${flag} needs a value.`);
      i += 1;
    } else {
      value = arg.slice(eq + 1);
    }
    given.set(flag, value);
  }

  const portFlag = given.get('--port');
  const portEnv = env.BERTH_WEB_PORT;
  const port =
    portFlag !== undefined
      ? parsePort(portFlag, '--port')
      : portEnv !== undefined && portEnv !== ''
        ? parsePort(portEnv, 'BERTH_WEB_PORT')
        : defaultWebPort;

  const { token, tokenSource } = chooseToken(given, env, read);

  const dockerHostFlag = given.get('--docker-host');
  if (dockerHostFlag !== undefined && dockerHostFlag.trim() === '') throw new WebOptionsError('--docker-host needs a value.');
  const dockerHost = dockerHostFlag ?? (env.DOCKER_HOST !== undefined && env.DOCKER_HOST !== '' ? env.DOCKER_HOST : undefined);

  const enginesFile = given.get('--engines-file');
  if (enginesFile !== undefined && enginesFile.trim() === '') throw new WebOptionsError('--engines-file needs a value.');

  return {
    kind: 'run',
    options: {
      host: parseHost(given.get('--host') ?? '127.0.0.1'),
      port,
      token,
      tokenSource,
      dockerHost,
      allowHostShell,
      ...(enginesFile === undefined ? {} : { enginesFile }),
    },
  };
}

/** What the entry point does next: run, or print and exit (0 after --help, 2 after a usage mistake). */
export type WebStartup = { kind: 'run'; options: WebOptions } | { kind: 'exit'; code: 0 | 2; stream: 'stdout' | 'stderr'; text: string };

export function decideWebStartup(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  read?: TokenFileReader,
): WebStartup {
  try {
    const command = parseWebOptions(argv, env, read);
    if (command.kind === 'help') return { kind: 'exit', code: 0, stream: 'stdout', text: webUsage };
    return command;
  } catch (err) {
    if (!(err instanceof WebOptionsError)) throw err;
    return { kind: 'exit', code: 2, stream: 'stderr', text: `berth web: ${err.message}\n\n${webUsage}` };
  }
}
