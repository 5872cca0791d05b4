import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/** Where an ssh:// engine is, as OpenSSH is asked for it: user, port and config only when given. */
export interface SshTarget {
  /** The host as written: a name, an address or an ~/.ssh/config alias. */
  readonly host: string;
  readonly user?: string;
  readonly port?: number;
  /** An ssh config file to use instead of ~/.ssh/config (`ssh -F`). */
  readonly configFile?: string;
  /** A ProxyCommand Berth spelled out for a ProxyJump (see ssh-route.ts); it wins over the config's ProxyJump. */
  readonly proxyCommand?: string;
}

/** Reads ssh://[user@]host[:port] into an SSH target. */
export function parseSshHost(host: string, configFile?: string): SshTarget {
  const url = new URL(host);
  if (url.protocol !== 'ssh:') throw new Error(`${host} is not an ssh:// address`);
  if (!url.hostname) throw new Error(`${host} names no host (use ssh://user@host or ssh://alias)`);
  if (url.pathname && url.pathname !== '/') throw new Error(`${host}: an ssh:// engine address takes no path`);
  return {
    host: url.hostname,
    ...(url.username ? { user: decodeURIComponent(url.username) } : {}),
    ...(url.port ? { port: Number(url.port) } : {}),
    ...(configFile ? { configFile } : {}),
  };
}

/** The options that pick the target (config file, user, port), for every ssh-family command. */
export function targetArgs(target: SshTarget): string[] {
  const args: string[] = [];
  if (target.configFile) args.push('-F', target.configFile);
  if (target.user) args.push('-l', target.user);
  if (target.port) args.push('-p', String(target.port));
  if (target.proxyCommand) args.push('-o', `ProxyCommand=${target.proxyCommand}`);
  return args;
}

/** The `ssh` program on PATH, or undefined where there is none (then dockerode's ssh2 path is used). */
export function findSshBinary(path: string | undefined = process.env.PATH): string | undefined {
  for (const dir of (path ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, process.platform === 'win32' ? 'ssh.exe' : 'ssh');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this folder
    }
  }
  return undefined;
}
