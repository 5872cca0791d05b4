import { readFileSync } from 'node:fs';
import { BerthError } from '../../../shared/errors.js';
import { checkKnownHost, keyTypeOfBlob, knownHostsName } from './known-hosts.js';
import { isSshDialError } from './ssh-failure.js';
import { addKnownHost, appendKnownHost, offeredHostKey, sha256Fingerprint, type OfferedHostKey } from './ssh-host-keys.js';
import type { SshTarget } from './ssh-target.js';

/** An SSH host key a connection was refused for. */
export interface HostKeyProblem {
  readonly key: OfferedHostKey;
  readonly problem: 'unknown' | 'changed';
}

/** How an SSH endpoint tells a refused host key, and adds one the user accepted. */
export interface HostKeyGate {
  /** Why a failed connection was refused for its host key, with the key; undefined when that was not why. */
  problemOf(err: unknown): Promise<HostKeyProblem | undefined>;
  /** Adds the key with this fingerprint to known_hosts if it is (still) the one the host offers. */
  accept(fingerprint: string): Promise<void>;
}

function notOffered(fingerprint: string, offered: string, host: string): BerthError {
  return new BerthError({
    code: 'CONFLICT',
    message: `${host} now offers another host key (${offered}) than the one accepted (${fingerprint}): not added`,
  });
}

/** The system OpenSSH: ssh itself refuses; the key is read again over the same route to show and add it. */
export function openSshHostKeyGate(target: SshTarget, sshBinary: string): HostKeyGate {
  return {
    async problemOf(err) {
      if (!isSshDialError(err) || (err.kind !== 'host-key-unknown' && err.kind !== 'host-key-changed')) return undefined;
      const key = await offeredHostKey(target, sshBinary);
      return { key, problem: err.kind === 'host-key-unknown' ? 'unknown' : 'changed' };
    },
    async accept(fingerprint) {
      const offered = await offeredHostKey(target, sshBinary);
      if (offered.fingerprint !== fingerprint) throw notOffered(fingerprint, offered.fingerprint, target.host);
      await addKnownHost(target, sshBinary, offered);
    },
  };
}

export interface Ssh2HostKeys {
  readonly gate: HostKeyGate;
  /** For ssh2's hostVerifier: true only for a key known_hosts lists for this host. */
  readonly verify: (key: Buffer) => boolean;
}

/**
 * dockerode's ssh2 client (used where there is no ssh program) accepts any host key unless told
 * otherwise: this checks each one against known_hosts and remembers a refused one, to show and add.
 */
export function ssh2HostKeys(host: string, port: number | undefined, knownHostsFile: string): Ssh2HostKeys {
  const name = knownHostsName(host, port);
  let refused: HostKeyProblem | undefined;
  const verify = (blob: Buffer): boolean => {
    const keyType = keyTypeOfBlob(blob);
    const key = blob.toString('base64');
    let text = '';
    try {
      text = readFileSync(knownHostsFile, 'utf8');
    } catch {
      // No known_hosts yet: every key is unknown.
    }
    const verdict = checkKnownHost(text, name, keyType, key);
    refused =
      verdict === 'known'
        ? undefined
        : { key: { knownHostsName: name, keyType, key, fingerprint: sha256Fingerprint(key) }, problem: verdict };
    return verdict === 'known';
  };
  const gate: HostKeyGate = {
    problemOf(err) {
      const denied = err instanceof Error && /Host denied/i.test(err.message);
      return Promise.resolve(denied ? refused : undefined);
    },
    async accept(fingerprint) {
      const pending = refused;
      if (!pending || pending.problem !== 'unknown')
        throw new BerthError({ code: 'CONFLICT', message: `${host} has no unknown host key to accept` });
      if (pending.key.fingerprint !== fingerprint) throw notOffered(fingerprint, pending.key.fingerprint, host);
      await appendKnownHost(knownHostsFile, pending.key);
    },
  };
  return { gate, verify };
}
