import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { appendFile, chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { sshConfigDump, sshConfigValue } from './ssh-config-dump.js';
import { classifySshFailure } from './ssh-failure.js';
import { targetArgs, type SshTarget } from './ssh-target.js';

const run = promisify(execFile);

/** The host key an SSH server offers, as known_hosts would hold it, with its fingerprint. */
export interface OfferedHostKey {
  /** How known_hosts names the host: `host`, `[host]:port` or the HostKeyAlias. */
  readonly knownHostsName: string;
  /** ssh-ed25519, ecdsa-sha2-nistp256, ssh-rsa, ... */
  readonly keyType: string;
  /** The public key, base64 as in known_hosts. */
  readonly key: string;
  /** SHA256:… as `ssh-keygen -lf` and ssh itself print it. */
  readonly fingerprint: string;
}

/** The SHA256 fingerprint of a base64 public key, as `ssh-keygen -l` prints it. */
export function sha256Fingerprint(base64Key: string): string {
  const digest = createHash('sha256').update(Buffer.from(base64Key, 'base64')).digest('base64');
  return `SHA256:${digest.replace(/=+$/, '')}`;
}

function stderrOf(err: unknown): string {
  const text = typeof err === 'object' && err !== null ? (err as { stderr?: unknown }).stderr : undefined;
  return typeof text === 'string' ? text : '';
}

/** The key a host offered, and what ssh (with its known_hosts files) made of it. */
export interface HostKeyProbe {
  readonly key: OfferedHostKey;
  readonly verdict: 'known' | 'unknown' | 'changed';
}

/**
 * Reads the host key the server offers over the same route Berth's connections take (ssh config,
 * jump hosts and all, unlike ssh-keyscan which only dials directly): OpenSSH's KnownHostsCommand hook
 * records the key it is shown and vouches for nothing, so an unknown or changed key stops the
 * connection at the host-key check; a known one goes on (and runs `true`, or fails to log in).
 */
export async function probeHostKey(target: SshTarget, sshBinary: string): Promise<HostKeyProbe> {
  const dir = await mkdtemp(join(tmpdir(), 'berth-hostkey-'));
  try {
    const recorder = join(dir, 'record');
    const offered = join(dir, 'offered');
    await writeFile(recorder, '#!/bin/sh\nprintf \'%s %s %s\\n\' "$2" "$3" "$4" >> "$1"\n', { mode: 0o700 });
    const args = [
      ...targetArgs(target),
      '-o',
      'BatchMode=yes',
      '-o',
      'StrictHostKeyChecking=yes',
      '-o',
      'ControlMaster=no',
      '-o',
      'ControlPath=none',
      '-o',
      'ConnectTimeout=15',
      '-o',
      `KnownHostsCommand="${recorder}" "${offered}" %H %t %K`,
      '-T',
      '--',
      target.host,
      'true',
    ];
    let stderr = '';
    try {
      await run(sshBinary, args, { timeout: 60_000, windowsHide: true });
    } catch (err) {
      // Expected for an unknown (or changed) key: ssh stops there.
      stderr = stderrOf(err);
    }
    const lines = (await readFile(offered, 'utf8').catch(() => '')).split('\n');
    const keys = lines.map((line) => line.trim().split(/\s+/)).filter((parts) => parts.length === 3 && parts[2] !== 'NONE');
    const last = keys.at(-1);
    if (!last) {
      const said = stderr.trim().split('\n').at(-1) ?? '';
      throw new Error(`Could not read the host key ${target.host} offers${said ? `: ${said}` : ''}`);
    }
    const [knownHostsName = '', keyType = '', key = ''] = last;
    const failure = stderr ? classifySshFailure(target.host, stderr, null).kind : undefined;
    const verdict = failure === 'host-key-changed' ? 'changed' : failure === 'host-key-unknown' ? 'unknown' : 'known';
    return { key: { knownHostsName, keyType, key, fingerprint: sha256Fingerprint(key) }, verdict };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The host key the server offers over Berth's route to it (see probeHostKey). */
export async function offeredHostKey(target: SshTarget, sshBinary: string): Promise<OfferedHostKey> {
  return (await probeHostKey(target, sshBinary)).key;
}

/** The known_hosts file ssh uses for this target (the first UserKnownHostsFile, as `ssh -G` reports it). */
export async function knownHostsFileInUse(target: SshTarget, sshBinary: string): Promise<string> {
  const dump = await sshConfigDump({ sshBinary, args: targetArgs(target), destination: target.host });
  const first = sshConfigValue(dump, 'userknownhostsfile')?.split(/\s+/)[0];
  const file = first ?? '~/.ssh/known_hosts';
  return file.startsWith('~/') ? join(homedir(), file.slice(2)) : file;
}

/** Appends the key to a known_hosts file (made 0600 in a 0700 folder when new). */
export async function appendKnownHost(file: string, key: OfferedHostKey): Promise<void> {
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  const existing = await readFile(file, 'utf8').catch(() => undefined);
  const lead = existing && !existing.endsWith('\n') ? '\n' : '';
  await appendFile(file, `${lead}${key.knownHostsName} ${key.keyType} ${key.key}\n`, { mode: 0o600 });
  if (existing === undefined) await chmod(file, 0o600);
}

/** Adds the key to the known_hosts file ssh uses for this target. */
export async function addKnownHost(target: SshTarget, sshBinary: string, key: OfferedHostKey): Promise<string> {
  const file = await knownHostsFileInUse(target, sshBinary);
  await appendKnownHost(file, key);
  return file;
}
