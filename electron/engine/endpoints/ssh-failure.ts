/** What went wrong with an `ssh … docker system dial-stdio` connection, read from ssh's own words. */
export type SshFailureKind =
  | 'host-key-unknown'
  | 'host-key-changed'
  | 'passphrase-not-given'
  | 'passphrase-wrong'
  | 'auth'
  | 'unreachable'
  | 'no-docker'
  | 'engine-down'
  | 'other';

/**
 * An SSH engine connection that failed, in plain words. `code` is one the connection treats as
 * "engine unreachable" so it retries (except for host-key problems, which need the user).
 */
export class SshDialError extends Error {
  readonly code: string;

  constructor(
    readonly kind: SshFailureKind,
    readonly hint: string,
    message: string,
    /** What ssh printed, for the details. */
    readonly stderr: string,
  ) {
    super(message);
    this.name = 'SshDialError';
    this.code = kind === 'unreachable' ? 'ECONNREFUSED' : 'ECONNRESET';
  }
}

export function isSshDialError(err: unknown): err is SshDialError {
  return err instanceof SshDialError;
}

function lastLine(stderr: string): string {
  const lines = stderr
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('@') && !line.startsWith('debug'));
  return lines.at(-1) ?? '';
}

/** Reads why an ssh process ended before the engine answered, from its stderr and exit code. */
export function classifySshFailure(destination: string, stderr: string, exitCode: number | null): SshDialError {
  const text = stderr.trim();
  const said = lastLine(text);
  const make = (kind: SshFailureKind, message: string, hint: string): SshDialError => new SshDialError(kind, hint, message, text);
  if (/REMOTE HOST IDENTIFICATION HAS CHANGED|Host key for .* has changed/i.test(text)) {
    return make(
      'host-key-changed',
      `The SSH host key of ${destination} has changed since it was saved in known_hosts: Berth refuses to connect`,
      'Someone may be intercepting the connection, or the machine was reinstalled. Check with its owner; if the new key is right, ' +
        'remove the old one (ssh-keygen -R HOST) and connect again.',
    );
  }
  if (/No \S+ host key is known for|Host key verification failed/i.test(text)) {
    return make(
      'host-key-unknown',
      `The SSH host key of ${destination} is not in known_hosts yet`,
      'Compare the fingerprint with the one the machine shows (ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub on it), then accept it.',
    );
  }
  if (/Permission denied \(|Too many authentication failures|no mutual signature|Authentication failed/i.test(text)) {
    return make(
      'auth',
      `The SSH server at ${destination} did not accept any of your keys (${said})`,
      'Load your key into ssh-agent (ssh-add), or name it with IdentityFile in ~/.ssh/config; keys with a passphrase need the agent. ' +
        'Check that `ssh ' +
        destination +
        '` works in a terminal without asking anything.',
    );
  }
  if (
    /Could not resolve hostname|Connection refused|Connection timed out|No route to host|Network is unreachable|Operation timed out|Connection closed by|kex_exchange_identification|Connection reset/i.test(
      text,
    )
  ) {
    return make(
      'unreachable',
      `Cannot reach the SSH server for ${destination}: ${said}`,
      'Check that the machine is on and on the network, the host name and port, and any ProxyJump in your ssh config.',
    );
  }
  if (exitCode === 127 || /docker: (command )?not found|No such file or directory.*docker/i.test(text)) {
    return make(
      'no-docker',
      `${destination} has no docker command: Berth reaches the engine there through \`docker system dial-stdio\``,
      'Install the docker CLI on that machine (Debian: docker.io), and make sure it is on PATH for non-interactive SSH sessions.',
    );
  }
  if (/Cannot connect to the Docker daemon|permission denied while trying to connect to the Docker daemon|docker\.sock/i.test(text)) {
    return make(
      'engine-down',
      `SSH to ${destination} works, but the Docker Engine there does not answer: ${said}`,
      'Start dockerd on that machine, or add the SSH user to its docker group.',
    );
  }
  return make(
    'other',
    `The SSH connection to ${destination} ended before the engine answered${said ? `: ${said}` : exitCode === null ? '' : ` (ssh exit code ${exitCode})`}`,
    'Try `docker -H ssh://… version` in a terminal: it uses the same ssh setup.',
  );
}

/** The user cancelled a key's passphrase, or gave a wrong one (asked through Berth's askpass channel). */
export function passphraseFailure(destination: string, kind: 'cancelled' | 'wrong', keyFile: string, stderr: string): SshDialError {
  if (kind === 'cancelled') {
    return new SshDialError(
      'passphrase-not-given',
      'Connect again to be asked again, or load the key into ssh-agent (ssh-add).',
      `SSH to ${destination}: passphrase not given for key ${keyFile}`,
      stderr,
    );
  }
  return new SshDialError(
    'passphrase-wrong',
    'Connect again and type the passphrase of that key file (the one `ssh-keygen -y -f KEY` accepts).',
    `SSH to ${destination}: wrong passphrase for key ${keyFile}`,
    stderr,
  );
}
