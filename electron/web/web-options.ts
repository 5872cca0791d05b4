/** What `npm run web` was asked to do, after flags and environment are combined. */
export interface WebOptions {
  readonly host: string;
  readonly port: number;
  /** Undefined: the server generates one. */
  readonly token: string | undefined;
  /** Undefined: the engine connection falls back to its platform default. */
  readonly dockerHost: string | undefined;
  /** Lets web clients open a shell on this machine (off by default: the token would then be a login). */
  readonly allowHostShell: boolean;
}

export type WebCommand = { kind: 'run'; options: WebOptions } | { kind: 'help' };

/** A usage mistake: web-main prints the message and exits with code 2, like other CLI tools. */
export class WebOptionsError extends Error {
  override readonly name = 'WebOptionsError';
}

export const webUsage = `Usage: npm run web -- [options]

  --host <address>       Interface to listen on (default 127.0.0.1). Anything but loopback
                         exposes Docker, which is root on this machine, to your network.
  --port <number>        Port (default 7420, or BERTH_WEB_PORT); 0 picks any free port.
  --token <secret>       Token the page must present (default: random, or BERTH_WEB_TOKEN).
  --docker-host <url>    Docker endpoint, e.g. unix:///var/run/docker.sock (default DOCKER_HOST).
  --allow-host-shell     Let the web page open a shell on this machine (off by default).
  --help                 Show this help.`;

export const defaultWebPort = 7420;

const valueFlags = ['--host', '--port', '--token', '--docker-host'] as const;
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

/** Reads `--flag value` and `--flag=value` pairs; flags win over environment variables, which win over defaults. */
export function parseWebOptions(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): WebCommand {
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
    portFlag !== undefined ? parsePort(portFlag, '--port') : portEnv !== undefined && portEnv !== '' ? parsePort(portEnv, 'BERTH_WEB_PORT') : defaultWebPort;

  const tokenFlag = given.get('--token');
  const tokenEnv = env.BERTH_WEB_TOKEN;
  const token =
    tokenFlag !== undefined ? parseToken(tokenFlag, '--token') : tokenEnv !== undefined && tokenEnv !== '' ? parseToken(tokenEnv, 'BERTH_WEB_TOKEN') : undefined;

  const dockerHostFlag = given.get('--docker-host');
  if (dockerHostFlag !== undefined && dockerHostFlag.trim() === '') throw new WebOptionsError('--docker-host needs a value.');
  const dockerHost = dockerHostFlag ?? (env.DOCKER_HOST !== undefined && env.DOCKER_HOST !== '' ? env.DOCKER_HOST : undefined);

  return { kind: 'run', options: { host: parseHost(given.get('--host') ?? '127.0.0.1'), port, token, dockerHost, allowHostShell } };
}

/** What the entry point does next: run, or print and exit (0 after --help, 2 after a usage mistake). */
export type WebStartup = { kind: 'run'; options: WebOptions } | { kind: 'exit'; code: 0 | 2; stream: 'stdout' | 'stderr'; text: string };

export function decideWebStartup(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): WebStartup {
  try {
    const command = parseWebOptions(argv, env);
    if (command.kind === 'help') return { kind: 'exit', code: 0, stream: 'stdout', text: webUsage };
    return command;
  } catch (err) {
    if (!(err instanceof WebOptionsError)) throw err;
    return { kind: 'exit', code: 2, stream: 'stderr', text: `berth web: ${err.message}\n\n${webUsage}` };
  }
}
