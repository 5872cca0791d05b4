import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { loadEngineFixtures, publicKeyOf, type SshFixtures } from '../../test-support/remote-engines.js';
import { EngineConnection } from '../engine-connection.js';

const fixtures = loadEngineFixtures();
const ssh = 'missing' in fixtures || 'skipped' in fixtures.ssh ? undefined : fixtures.ssh;
const skip =
  'missing' in fixtures ? ` (skipped: ${fixtures.missing})` : 'skipped' in fixtures.ssh ? ` (skipped: ${fixtures.ssh.skipped})` : '';

function fingerprintOf(pubFile: string): string {
  return /SHA256:\S+/.exec(execFileSync('ssh-keygen', ['-lf', pubFile], { encoding: 'utf8' }))?.[0] ?? '';
}

/** A ProxyJump config of the test's own (jump sshd → target sshd) with one known_hosts file it chooses. */
function jumpConfig(f: SshFixtures, knownHostsLines: string): { dir: string; config: string; knownHosts: string } {
  const dir = mkdtempSync(join(tmpdir(), 'berth-h5-jump-'));
  const knownHosts = join(dir, 'known_hosts');
  writeFileSync(knownHosts, knownHostsLines);
  const common = [
    `  User ${f.user}`,
    `  IdentityFile ${f.identityFile}`,
    '  IdentitiesOnly yes',
    `  UserKnownHostsFile ${knownHosts}`,
    '  GlobalKnownHostsFile /dev/null',
    // What a lenient user config may say for its own shells: Berth's jump must not take it.
    '  StrictHostKeyChecking accept-new',
  ];
  const config = join(dir, 'config');
  writeFileSync(
    config,
    [
      'Host h5-jump',
      '  HostName 127.0.0.1',
      `  Port ${f.jumpPort}`,
      ...common,
      'Host h5-target',
      '  HostName 127.0.0.1',
      `  Port ${f.targetPort}`,
      '  ProxyJump h5-jump',
      ...common,
      '',
    ].join('\n'),
  );
  return { dir, config, knownHosts };
}

describe.skipIf(!ssh)(`a jump host's SSH host key (ProxyJump, the system OpenSSH)${skip}`, () => {
  const f = ssh as SshFixtures;
  const dirs: string[] = [];
  const opened: EngineConnection[] = [];
  afterEach(() => {
    for (const c of opened.splice(0)) c.close();
  });
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  function open(id: string, config: string): EngineConnection {
    const connection = new EngineConnection({
      id,
      spec: { id, name: id, host: 'ssh://h5-target', source: 'saved' },
      sshConfigFile: config,
      retryDelaysMs: [60_000],
    });
    opened.push(connection);
    return connection;
  }

  const jumpName = `[127.0.0.1]:${ssh?.jumpPort ?? 0}`;
  const targetName = `[127.0.0.1]:${ssh?.targetPort ?? 0}`;
  const line = (name: string, pubFile: string): string => {
    const { keyType, key } = publicKeyOf(pubFile);
    return `${name} ${keyType} ${key}\n`;
  };

  it("shows the jump host's unknown key with its fingerprint, adds it only when accepted, then connects", async () => {
    const targetKnown = line(targetName, f.targetHostKey);
    const { dir, config, knownHosts } = jumpConfig(f, targetKnown);
    dirs.push(dir);
    const connection = open('h5-jump-unknown', config);
    const jumpFingerprint = fingerprintOf(f.jumpHostKey);

    const status = await connection.connect();
    expect(status).toMatchObject({
      state: 'disconnected',
      refused: true,
      hostKey: { host: jumpName, keyType: 'ssh-ed25519', fingerprint: jumpFingerprint, problem: 'unknown' },
    });
    expect(status.error).toMatch(/jump host h5-jump .*not in known_hosts yet/);
    // Not taken silently (the config's accept-new does not reach Berth's jump).
    expect(readFileSync(knownHosts, 'utf8')).toBe(targetKnown);

    await expect(connection.acceptHostKey('SHA256:not-the-one-shown')).rejects.toThrow(/not the one/);
    expect(readFileSync(knownHosts, 'utf8')).toBe(targetKnown);

    expect(await connection.acceptHostKey(jumpFingerprint)).toMatchObject({ state: 'connected' });
    expect(readFileSync(knownHosts, 'utf8')).toBe(targetKnown + line(jumpName, f.jumpHostKey));
  });

  it('asks for the jump host first, then for the target, when neither is known', async () => {
    const { dir, config, knownHosts } = jumpConfig(f, '');
    dirs.push(dir);
    const connection = open('h5-both-unknown', config);

    const first = await connection.connect();
    expect(first.hostKey).toMatchObject({ host: jumpName, fingerprint: fingerprintOf(f.jumpHostKey), problem: 'unknown' });
    const second = await connection.acceptHostKey(fingerprintOf(f.jumpHostKey));
    expect(second).toMatchObject({
      state: 'disconnected',
      refused: true,
      hostKey: { host: targetName, fingerprint: fingerprintOf(f.targetHostKey), problem: 'unknown' },
    });
    expect(second.error).not.toMatch(/jump host/);
    expect(await connection.acceptHostKey(fingerprintOf(f.targetHostKey))).toMatchObject({ state: 'connected' });
    expect(readFileSync(knownHosts, 'utf8')).toBe(line(jumpName, f.jumpHostKey) + line(targetName, f.targetHostKey));
  });

  it('refuses a jump host whose key differs from known_hosts, and will not accept it', async () => {
    // The target's key filed under the jump host's name: the jump now "offers another key".
    const wrong = line(jumpName, f.targetHostKey) + line(targetName, f.targetHostKey);
    const { dir, config, knownHosts } = jumpConfig(f, wrong);
    dirs.push(dir);
    const connection = open('h5-jump-changed', config);

    const status = await connection.connect();
    expect(status).toMatchObject({
      state: 'disconnected',
      refused: true,
      hostKey: { host: jumpName, fingerprint: fingerprintOf(f.jumpHostKey), problem: 'changed' },
    });
    expect(status.error).toMatch(/jump host h5-jump .*has changed/);
    await expect(connection.acceptHostKey(fingerprintOf(f.jumpHostKey))).rejects.toThrow(/no unknown SSH host key/);
    expect(readFileSync(knownHosts, 'utf8')).toBe(wrong);
  });
});
