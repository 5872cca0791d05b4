import { sshConfigDumpSync, sshConfigValue } from './ssh-config-dump.js';
import { targetArgs, type SshTarget } from './ssh-target.js';

/**
 * The options every ssh Berth starts runs with: never a host key taken on trust. A `ProxyJump`'s
 * own ssh is started by ssh itself without the command line's `-o` options (only the config file),
 * so Berth spells each jump out as a ProxyCommand carrying these too.
 */
export function strictSshOptions(askpass: boolean): string[] {
  return [
    // BatchMode would turn askpass off too: with an askpass channel only key passphrases are asked.
    ...(askpass
      ? ['-o', 'BatchMode=no', '-o', 'PasswordAuthentication=no', '-o', 'KbdInteractiveAuthentication=no']
      : ['-o', 'BatchMode=yes']),
    '-o',
    'StrictHostKeyChecking=yes',
    '-o',
    'ConnectTimeout=15',
  ];
}

/** An ssh destination and the jump hosts in front of it, first contacted first. */
export interface SshRoute {
  /** The destination, with a ProxyCommand through the last jump host when there are any. */
  readonly target: SshTarget;
  /** Each jump host, with the ProxyCommand that reaches it (the first has none of Berth's). */
  readonly hops: readonly SshTarget[];
}

/** One ProxyJump entry: `[user@]host[:port]` or `ssh://[user@]host[:port]`. */
export function parseJumpHop(entry: string, configFile: string | undefined): SshTarget {
  const text = entry.trim();
  const url = new URL(text.startsWith('ssh://') ? text : `ssh://${text}`);
  if (!url.hostname) throw new Error(`ProxyJump entry "${entry}" names no host`);
  const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  return {
    host,
    ...(url.username ? { user: decodeURIComponent(url.username) } : {}),
    ...(url.port ? { port: Number(url.port) } : {}),
    ...(configFile ? { configFile } : {}),
  };
}

/** The jump hosts `ssh -G` resolves for this target (its ProxyJump), in order; none when it has none. */
export function jumpHopsOf(configDump: string, configFile: string | undefined): SshTarget[] {
  const jump = sshConfigValue(configDump, 'proxyjump');
  if (!jump || jump === 'none') return [];
  return jump.split(',').map((entry) => parseJumpHop(entry, configFile));
}

/** A word for `sh -c`, in single quotes. */
export function shellQuote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** ssh expands %-tokens in a ProxyCommand before the shell sees it: a literal % is written %%. */
function percentEscaped(word: string): string {
  return word.replace(/%/g, '%%');
}

/**
 * The ProxyCommand that opens a stream to `%h:%p` through `hop` (itself reached through its own
 * ProxyCommand, if any), with Berth's strict options: a jump host's unknown key is refused, not asked.
 */
export function proxyCommandThrough(hop: SshTarget, sshBinary: string, askpass: boolean): string {
  const words = [
    sshBinary,
    ...targetArgs(hop),
    ...strictSshOptions(askpass),
    '-o',
    'ControlMaster=no',
    '-o',
    'ControlPath=none',
    '-o',
    'ClearAllForwardings=yes',
    '-W',
  ];
  // %h and %p are the next host's, filled in by the ssh that runs this command.
  return [...words.map((w) => shellQuote(percentEscaped(w))), `'[%h]:%p'`, '--', shellQuote(percentEscaped(hop.host))].join(' ');
}

/** Runs `ssh -G` (reads the config only, no network) for a target; synchronous, as createConnection must be. */
function configDumpOf(target: SshTarget, sshBinary: string): string {
  return sshConfigDumpSync({ sshBinary, args: targetArgs(target), destination: target.host });
}

const maxDepth = 8;

/**
 * Resolves a target's ProxyJump chain (as OpenSSH would: the first jump with its own config, each
 * later one through the one before) into explicit ProxyCommands that carry Berth's strict options.
 * A target without ProxyJump (or on Windows, whose ssh runs ProxyCommand without a POSIX shell) is
 * left as it is.
 */
export function resolveSshRoute(
  target: SshTarget,
  sshBinary: string,
  askpass = false,
  depth = 0,
  dump: (t: SshTarget) => string = (t) => configDumpOf(t, sshBinary),
): SshRoute {
  if (process.platform === 'win32' || target.proxyCommand) return { target, hops: [] };
  if (depth > maxDepth) throw new Error(`ProxyJump of ${target.host} goes more than ${maxDepth} jumps deep (a loop?)`);
  const jumps = jumpHopsOf(dump(target), target.configFile);
  const [first, ...rest] = jumps;
  if (!first) return { target, hops: [] };
  const firstRoute = resolveSshRoute(first, sshBinary, askpass, depth + 1, dump);
  const hops: SshTarget[] = [...firstRoute.hops, firstRoute.target];
  let previous = firstRoute.target;
  for (const jump of rest) {
    previous = { ...jump, proxyCommand: proxyCommandThrough(previous, sshBinary, askpass) };
    hops.push(previous);
  }
  return { target: { ...target, proxyCommand: proxyCommandThrough(previous, sshBinary, askpass) }, hops };
}

/** How a hop is named to people: `user@host:port`. */
export function hopName(hop: SshTarget): string {
  return `${hop.user ? `${hop.user}@` : ''}${hop.host}${hop.port ? `:${hop.port}` : ''}`;
}
