import { execFile, spawnSync } from 'node:child_process';

/**
 * `ssh -G` prints the configuration ssh would use for a destination (~/.ssh/config, Include,
 * Match, defaults) without connecting. This is the one place Berth runs it: asynchronously where
 * it can, synchronously only where the caller must answer at once (an http Agent's createConnection).
 */

/** Reads a local file at most, never the network; ample for a config with Includes on a slow disk. */
const configReadTimeoutMs = 15_000;

export interface SshConfigQuery {
  /** The ssh program. */
  readonly sshBinary: string;
  /** Words before the destination (`-F file`, `-p port`, `-l user`, ...). */
  readonly args?: readonly string[];
  readonly destination: string;
  /** ssh's environment (default: this process's). */
  readonly env?: NodeJS.ProcessEnv;
}

function argv(query: SshConfigQuery): string[] {
  return ['-G', ...(query.args ?? []), '--', query.destination];
}

function failure(query: SshConfigQuery, stderr: string): Error {
  const said = stderr.trim().split('\n').at(-1) ?? '';
  return new Error(`ssh -G ${query.destination} failed${said ? `: ${said}` : ''}`);
}

/** The configuration dump, or a rejection saying why ssh could not tell. */
export function sshConfigDump(query: SshConfigQuery): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      query.sshBinary,
      argv(query),
      { encoding: 'utf8', timeout: configReadTimeoutMs, windowsHide: true, ...(query.env ? { env: query.env } : {}) },
      (err, stdout, stderr) => (err ? reject(failure(query, stderr)) : resolve(stdout)),
    );
  });
}

/** The same, blocking: only for callers that must answer synchronously. */
export function sshConfigDumpSync(query: SshConfigQuery): string {
  const result = spawnSync(query.sshBinary, argv(query), {
    encoding: 'utf8',
    timeout: configReadTimeoutMs,
    windowsHide: true,
    ...(query.env ? { env: query.env } : {}),
  });
  if (result.status !== 0) throw failure(query, result.stderr || '');
  return result.stdout;
}

/** One setting's value in a dump (ssh -G prints keys in lower case), or undefined when absent. */
export function sshConfigValue(dump: string, key: string): string | undefined {
  const wanted = `${key.toLowerCase()} `;
  const line = dump.split('\n').find((l) => l.toLowerCase().startsWith(wanted));
  return line?.slice(wanted.length).trim();
}
