import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, lstatSync } from 'node:fs';
import { Agent, type ClientRequestArgs } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Duplex, type Readable, type Writable } from 'node:stream';
import type { SshAskpass } from './ssh-askpass.js';
import { classifySshFailure, passphraseFailure } from './ssh-failure.js';
import { resolveSshRoute, strictSshOptions } from './ssh-route.js';
import { targetArgs, type SshTarget } from './ssh-target.js';

export interface SshDialOptions {
  /** The `ssh` program to run. */
  readonly sshBinary: string;
  /**
   * Folder for OpenSSH ControlMaster sockets: Berth's connections to one host share one SSH session,
   * so a list, the event stream and each terminal open a channel instead of a new handshake.
   * Undefined: no multiplexing (every connection is its own SSH session).
   */
  readonly controlDir?: string | undefined;
  /** How long an idle pooled connection stays open, ms (60 s by default). */
  readonly idleMs?: number;
  /** Where key passphrases are asked (the UI); undefined: BatchMode, a key with a passphrase needs the agent. */
  readonly askpass?: SshAskpass | undefined;
}

/** A folder for ControlMaster sockets only this user can use (created 0700; refused if someone else owns it). */
export function defaultControlDir(): string | undefined {
  if (process.platform === 'win32') return undefined; // Windows' OpenSSH has no ControlMaster
  const dir = join(tmpdir(), `berth-ssh-${process.getuid?.() ?? 'user'}`);
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const info = lstatSync(dir);
    if (!info.isDirectory() || info.uid !== process.getuid?.() || (info.mode & 0o077) !== 0) return undefined;
    return dir;
  } catch {
    return undefined;
  }
}

/**
 * The ssh arguments that open one `docker system dial-stdio` pipe to the target's engine. With a
 * control path, the first connection becomes the master the next ones ride on.
 */
export function dialStdioArgs(target: SshTarget, controlPath: string | undefined, askpass = false): string[] {
  const control = controlPath
    ? ['-o', 'ControlMaster=auto', '-o', `ControlPath=${controlPath}`, '-o', 'ControlPersist=60']
    : ['-o', 'ControlMaster=no', '-o', 'ControlPath=none'];
  return [
    ...targetArgs(target),
    // Never a prompt (there is no terminal), never a host key taken on trust.
    ...strictSshOptions(askpass),
    // Notice a dropped Wi-Fi link within about 45 s instead of TCP's minutes.
    '-o',
    'ServerAliveInterval=15',
    '-o',
    'ServerAliveCountMax=3',
    // A RemoteCommand, forwardings or a TTY request in the user's config are for their shells, not this pipe.
    '-o',
    'RemoteCommand=none',
    '-o',
    'ClearAllForwardings=yes',
    ...control,
    '-T',
    // `--` so a host name can never be read as an option.
    '--',
    target.host,
    'docker',
    'system',
    'dial-stdio',
  ];
}

/** The name of an ssh destination as people write it: user@host:port. */
export function sshDestination(target: SshTarget): string {
  return `${target.user ? `${target.user}@` : ''}${target.host}${target.port ? `:${target.port}` : ''}`;
}

const maxStderr = 16 * 1024;

/**
 * One HTTP connection to the engine: the stdin and stdout of an `ssh … docker system dial-stdio`
 * process, as the docker CLI makes them. Has the few socket methods Node's HTTP agent calls.
 */
export class SshDialStream extends Duplex {
  /** The idle timeout in ms Node's HTTP agent set (it reads this back). */
  timeout = 0;
  private readonly child: ChildProcessByStdio<Writable, Readable, Readable>;
  private stderr = '';
  private answered = false;
  private idleTimer: NodeJS.Timeout | undefined;

  constructor(sshBinary: string, args: readonly string[], destination: string, askpass?: SshAskpass) {
    super({ allowHalfOpen: true });
    this.child = spawn(sshBinary, args, {
      stdio: ['pipe', 'pipe', 'pipe'],
      windowsHide: true,
      ...(askpass ? { env: { ...process.env, ...askpass.env() } } : {}),
    });
    const { child } = this;
    child.stdout.on('data', (chunk: Buffer) => {
      this.answered = true;
      this.touch();
      if (!this.push(chunk)) child.stdout.pause();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      if (this.stderr.length < maxStderr) this.stderr += chunk.toString('utf8');
    });
    // EPIPE when ssh is gone: its exit, below, says why.
    child.stdin.on('error', () => undefined);
    child.on('error', (err) => this.destroy(err));
    child.on('close', (code) => {
      if (this.destroyed) return;
      if (code !== 0 && (!this.answered || code === 255)) {
        const passphrase = askpass?.takeOutcome();
        this.destroy(
          passphrase
            ? passphraseFailure(destination, passphrase.kind, passphrase.keyFile, this.stderr)
            : classifySshFailure(destination, this.stderr, code),
        );
        return;
      }
      this.push(null);
    });
  }

  override _read(): void {
    this.child.stdout.resume();
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.touch();
    if (this.child.stdin.write(chunk)) callback();
    else this.child.stdin.once('drain', () => callback());
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.child.stdin.end(() => callback());
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    clearTimeout(this.idleTimer);
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill();
    callback(error);
  }

  /** As net.Socket: emits 'timeout' after `ms` without traffic (0 turns it off). */
  setTimeout(ms: number, onTimeout?: () => void): this {
    this.timeout = ms;
    // As net.Socket: a callback with 0 is taken off again (Node's HTTP client cleans up that way).
    if (onTimeout && ms === 0) this.removeListener('timeout', onTimeout);
    else if (onTimeout) this.once('timeout', onTimeout);
    this.touch();
    return this;
  }

  setKeepAlive(): this {
    return this;
  }

  setNoDelay(): this {
    return this;
  }

  /** Lets the process exit while this connection idles in the pool (as net.Socket.unref). */
  unref(): this {
    this.child.unref();
    for (const pipe of [this.child.stdin, this.child.stdout, this.child.stderr]) (pipe as Partial<{ unref(): void }>).unref?.();
    return this;
  }

  ref(): this {
    this.child.ref();
    for (const pipe of [this.child.stdin, this.child.stdout, this.child.stderr]) (pipe as Partial<{ ref(): void }>).ref?.();
    return this;
  }

  private touch(): void {
    clearTimeout(this.idleTimer);
    if (this.timeout <= 0 || this.destroyed) return;
    this.idleTimer = setTimeout(() => this.emit('timeout'), this.timeout);
    this.idleTimer.unref();
  }
}

/**
 * An HTTP agent for dockerode whose connections are `ssh … docker system dial-stdio` processes, so
 * everything that works in the user's terminal (~/.ssh/config aliases, ProxyJump, the agent, ed25519
 * keys, known_hosts) works here. Idle connections are kept for reuse; hijacked streams (exec, attach)
 * take a connection of their own over the same SSH session.
 */
export class SshDialAgent extends Agent {
  readonly destination: string;
  /**
   * This agent's own ControlMaster socket. Not OpenSSH's %C (user, host, port): a master opened
   * under another ssh config or known_hosts file would then carry this agent's connections without
   * its host-key check.
   */
  private readonly controlPath: string | undefined;

  constructor(
    private readonly target: SshTarget,
    private readonly dial: SshDialOptions,
  ) {
    super({ keepAlive: true, maxFreeSockets: 4, timeout: dial.idleMs ?? 60_000 });
    this.destination = sshDestination(target);
    this.controlPath = dial.controlDir ? join(dial.controlDir, randomBytes(8).toString('hex')) : undefined;
  }

  /** The target with its ProxyJump spelled out (resolved once, on the first connection). */
  private routed: SshTarget | undefined;

  override createConnection(_options: ClientRequestArgs, _callback?: (err: Error | null, stream: Duplex) => void): Duplex {
    if (!this.routed) {
      try {
        this.routed = resolveSshRoute(this.target, this.dial.sshBinary, this.dial.askpass !== undefined).target;
      } catch {
        // ssh -G failed: ssh itself will say why when it runs.
        this.routed = this.target;
      }
    }
    const askpass = this.dial.askpass;
    return new SshDialStream(
      this.dial.sshBinary,
      dialStdioArgs(this.routed, this.controlPath, askpass !== undefined),
      this.destination,
      askpass,
    );
  }

  /** Closes every connection and ends the shared SSH session (`ssh -O exit`) instead of letting it linger. */
  override destroy(): void {
    super.destroy();
    this.dial.askpass?.close();
    if (!this.controlPath) return;
    const exit = spawn(this.dial.sshBinary, ['-o', `ControlPath=${this.controlPath}`, '-O', 'exit', '--', this.target.host], {
      stdio: 'ignore',
      windowsHide: true,
    });
    exit.on('error', () => undefined);
    exit.unref();
  }
}
