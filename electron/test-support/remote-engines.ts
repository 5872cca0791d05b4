import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** Where scripts/setup-test-env.sh lists the remote-engine fixtures it made. */
export const engineFixturesFile = fileURLToPath(new URL('../../.test-env/engines.json', import.meta.url));

const sshFixturesSchema = z.object({
  configFile: z.string(),
  knownHostsFile: z.string(),
  identityFile: z.string(),
  user: z.string(),
  targetPort: z.number(),
  jumpPort: z.number(),
  targetHostKey: z.string(),
  jumpHostKey: z.string(),
  directAlias: z.string(),
  viaJumpAlias: z.string(),
  viaDeadJumpAlias: z.string(),
  /** An alias whose key is locked with a passphrase (no agent): ssh asks for it. Absent in an older set-up. */
  passphrase: z.object({ alias: z.string(), keyFile: z.string(), passphrase: z.string() }).optional(),
  binDir: z.string(),
});

const tlsFixturesSchema = z.union([
  z.object({ skipped: z.string() }),
  z.object({ host: z.string(), certPath: z.string(), otherCaCertPath: z.string(), dockerConfig: z.string(), context: z.string() }),
]);

const engineFixturesSchema = z.object({
  ssh: z.union([z.object({ skipped: z.string() }), sshFixturesSchema]),
  tls: tlsFixturesSchema,
  /** Debian's docker-compose (for Compose tests). */
  compose: z.string().optional(),
});

export type SshFixtures = z.infer<typeof sshFixturesSchema>;
export type TlsFixtures = Exclude<z.infer<typeof tlsFixturesSchema>, { skipped: string }>;

export interface EngineFixtures {
  /** The SSH engines, or why set-up did not start them. */
  ssh: SshFixtures | { skipped: string };
  /** The TLS engine, or why set-up did not start it. */
  tls: TlsFixtures | { skipped: string };
  compose?: string | undefined;
}

/** The fixtures, or why there are none (tests skip with that reason). */
export function loadEngineFixtures(): EngineFixtures | { missing: string } {
  let text: string;
  try {
    text = readFileSync(engineFixturesFile, 'utf8');
  } catch {
    return { missing: `${engineFixturesFile} is missing: run scripts/setup-test-env.sh (it starts the SSH and TLS test engines)` };
  }
  const parsed = engineFixturesSchema.safeParse(JSON.parse(text));
  return parsed.success
    ? parsed.data
    : { missing: `${engineFixturesFile} is not what scripts/setup-test-env.sh writes: ${parsed.error.message}` };
}

/** The public key (type and base64) of an OpenSSH .pub file. */
export function publicKeyOf(pubFile: string): { keyType: string; key: string } {
  const [keyType = '', key = ''] = readFileSync(pubFile, 'utf8').trim().split(/\s+/);
  return { keyType, key };
}

/**
 * An ssh config in `dir` with one alias for the test target and a known_hosts file of the test's
 * own (holding `knownHostsLines`), so a test chooses whether the host key is known, unknown or wrong.
 */
export function targetSshConfig(f: SshFixtures, dir: string, alias: string, knownHostsLines = ''): { config: string; knownHosts: string } {
  const knownHosts = join(dir, 'known_hosts');
  writeFileSync(knownHosts, knownHostsLines);
  const config = join(dir, 'config');
  writeFileSync(
    config,
    [
      `Host ${alias}`,
      '  HostName 127.0.0.1',
      `  Port ${f.targetPort}`,
      `  User ${f.user}`,
      `  IdentityFile ${f.identityFile}`,
      '  IdentitiesOnly yes',
      `  UserKnownHostsFile ${knownHosts}`,
      '  GlobalKnownHostsFile /dev/null',
      '',
    ].join('\n'),
  );
  return { config, knownHosts };
}

/** `ssh-keygen -lf` of a .pub file: the SHA256 fingerprint users compare. */
export function fingerprintOf(pubFile: string): string {
  return /SHA256:\S+/.exec(execFileSync('ssh-keygen', ['-lf', pubFile], { encoding: 'utf8' }))?.[0] ?? '';
}
