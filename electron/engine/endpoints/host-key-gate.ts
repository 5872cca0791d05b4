import { readFileSync } from 'node:fs';
import { BerthError } from '../../../shared/errors.js';
import { checkKnownHost, keyTypeOfBlob, knownHostsName } from './known-hosts.js';
import { isSshDialError } from './ssh-failure.js';
import { addKnownHost, appendKnownHost, probeHostKey, sha256Fingerprint, type OfferedHostKey } from './ssh-host-keys.js';
import { hopName, resolveSshRoute } from './ssh-route.js';
import type { SshTarget } from './ssh-target.js';

/** An SSH host key a connection was refused for. */
export interface HostKeyProblem {
  readonly key: OfferedHostKey;
  readonly problem: 'unknown' | 'changed';
  /** Set when the key is a ProxyJump host's (user@host:port as the jump was written), not the engine's. */
  readonly jumpHost?: string;
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

/**
 * The first host on the route (each ProxyJump host in order, then the target) whose key ssh refused,
 * read over the same route Berth's connections take; undefined when every key is known.
 */
async function firstRefusedKey(target: SshTarget, sshBinary: string): Promise<(HostKeyProblem & { at: SshTarget }) | undefined> {
  const route = resolveSshRoute(target, sshBinary);
  for (const hop of route.hops) {
    const probe = await probeHostKey(hop, sshBinary);
    if (probe.verdict !== 'known') return { key: probe.key, problem: probe.verdict, jumpHost: hopName(hop), at: hop };
  }
  const probe = await probeHostKey(route.target, sshBinary);
  return probe.verdict === 'known' ? undefined : { key: probe.key, problem: probe.verdict, at: route.target };
}

/**
 * With ControlPersist, ssh sends its ProxyCommand's stderr to /dev/null, so a jump host that refused
 * its key looks like a closed connection: each jump host is asked again (a jump that cannot be
 * reached at all stays "unreachable").
 */
async function jumpHostRefused(target: SshTarget, sshBinary: string): Promise<HostKeyProblem | undefined> {
  let hops: readonly SshTarget[];
  try {
    hops = resolveSshRoute(target, sshBinary).hops;
  } catch {
    return undefined;
  }
  for (const hop of hops) {
    const probe = await probeHostKey(hop, sshBinary).catch(() => undefined);
    if (!probe) return undefined;
    if (probe.verdict !== 'known') return { key: probe.key, problem: probe.verdict, jumpHost: hopName(hop) };
  }
  return undefined;
}

/**
 * The system OpenSSH: ssh itself refuses (Berth's jump hosts run with the same strict options); the
 * refused key, the target's or a jump host's, is read again over the same route to show and add it.
 */
export function openSshHostKeyGate(target: SshTarget, sshBinary: string): HostKeyGate {
  return {
    async problemOf(err) {
      if (!isSshDialError(err)) return undefined;
      if (err.kind === 'unreachable' || err.kind === 'other') return jumpHostRefused(target, sshBinary);
      if (err.kind !== 'host-key-unknown' && err.kind !== 'host-key-changed') return undefined;
      const found = await firstRefusedKey(target, sshBinary);
      if (!found) throw new Error('every host key on the way is known now: connect again');
      const { at: _at, ...problem } = found;
      return problem;
    },
    async accept(fingerprint) {
      const found = await firstRefusedKey(target, sshBinary);
      if (!found) throw new BerthError({ code: 'CONFLICT', message: `${target.host} has no unknown host key to accept (any more)` });
      const where = found.jumpHost ? `the jump host ${found.jumpHost}` : target.host;
      if (found.problem !== 'unknown')
        throw new BerthError({ code: 'CONFLICT', message: `The host key of ${where} has changed: Berth will not accept it` });
      if (found.key.fingerprint !== fingerprint) throw notOffered(fingerprint, found.key.fingerprint, where);
      await addKnownHost(found.at, sshBinary, found.key);
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
