import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { EngineSpec } from '../../../shared/engine-spec.js';
import { fixtureImage, fixtureLabel, testDocker, uniqueName, waitFor } from '../../test-support/engine-fixtures.js';
import { fingerprintOf, loadEngineFixtures, publicKeyOf, targetSshConfig, type SshFixtures } from '../../test-support/remote-engines.js';
import { EngineConnection } from '../engine-connection.js';
import { readDockerContexts } from './docker-contexts.js';

const fixtures = loadEngineFixtures();
const ssh = 'missing' in fixtures || 'skipped' in fixtures.ssh ? undefined : fixtures.ssh;
const tls = 'missing' in fixtures || 'skipped' in fixtures.tls ? undefined : fixtures.tls;
/** Why a group is skipped, put in its title so the test report says it. */
const sshSkip =
  'missing' in fixtures ? ` (skipped: ${fixtures.missing})` : 'skipped' in fixtures.ssh ? ` (skipped: ${fixtures.ssh.skipped})` : '';
const tlsSkip = 'missing' in fixtures ? sshSkip : 'skipped' in fixtures.tls ? ` (skipped: ${fixtures.tls.skipped})` : '';
for (const reason of new Set([sshSkip, tlsSkip])) if (reason) console.warn(`remote engine tests${reason}`);

const opened: EngineConnection[] = [];
afterEach(() => {
  for (const connection of opened.splice(0)) connection.close();
});

function open(spec: Omit<EngineSpec, 'name' | 'source'>, sshConfigFile?: string): EngineConnection {
  const connection = new EngineConnection({
    id: spec.id,
    spec: { name: spec.id, source: 'saved', ...spec },
    ...(sshConfigFile ? { sshConfigFile } : {}),
    retryDelaysMs: [60_000],
  });
  opened.push(connection);
  return connection;
}

/** An ssh config for the target (alias berth-target-fresh) with a known_hosts file of the test's choosing. */
function configWithKnownHosts(f: SshFixtures, knownHostsLines: string): { dir: string; config: string; knownHosts: string } {
  const dir = mkdtempSync(join(tmpdir(), 'berth-ssh-test-'));
  return { dir, ...targetSshConfig(f, dir, 'berth-target-fresh', knownHostsLines) };
}

describe.skipIf(!ssh)(`an engine over SSH (the system OpenSSH, docker system dial-stdio)${sshSkip}`, () => {
  const f = ssh as SshFixtures;
  const made: string[] = [];
  const dirs: string[] = [];
  afterAll(async () => {
    await Promise.all(
      made.map((name) =>
        testDocker
          .getContainer(name)
          .remove({ force: true })
          .catch(() => undefined),
      ),
    );
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('reaches the main engine through an ssh config alias, lists its containers and runs an exec over the same pipe', async () => {
    const connection = open({ id: 'ssh-direct', host: `ssh://${f.directAlias}` }, f.configFile);
    const status = await connection.connect();
    expect(status).toMatchObject({ state: 'connected', endpoint: `ssh://${f.directAlias}` });
    expect(status.engineVersion).toBe((await testDocker.version()).Version);

    const name = uniqueName('ssh-exec');
    made.push(name);
    const created = await testDocker.createContainer({
      name,
      Image: fixtureImage,
      Cmd: ['sleep', '300'],
      Labels: { [fixtureLabel]: 'true' },
    });
    await created.start();
    const listed = await connection.use((docker) => docker.listContainers({ filters: { name: [name] } }));
    expect(listed.map((c) => c.Id)).toEqual([created.id]);

    // A hijacked stream (what terminals use) rides an ssh pipe too.
    const output = await connection.use(async (docker) => {
      const exec = await docker
        .getContainer(name)
        .exec({ Cmd: ['sh', '-c', 'read line; echo "got $line"'], AttachStdin: true, AttachStdout: true, Tty: true });
      const stream = await exec.start({ hijack: true, stdin: true, Tty: true });
      let text = '';
      stream.on('data', (chunk: Buffer) => (text += chunk.toString()));
      const ended = new Promise((resolve) => stream.on('end', resolve));
      stream.write('over-ssh\n');
      await ended;
      return text;
    });
    expect(output).toContain('got over-ssh');
  });

  it('notices when its ssh connection dies, reconnects by itself and resumes the events', async () => {
    const connection = new EngineConnection({
      id: 'ssh-reconnect',
      spec: { id: 'ssh-reconnect', name: 'ssh-reconnect', host: `ssh://${f.directAlias}`, source: 'saved' },
      sshConfigFile: f.configFile,
      retryDelaysMs: [100],
    });
    opened.push(connection);
    const states: string[] = [];
    connection.onStatus((s) => states.push(s.state));
    const first = await connection.connect();
    expect(first.state).toBe('connected');

    // The ssh processes this test process started (the event stream's among them), by their ids.
    const children = execFileSync('ps', ['-o', 'pid=,args=', '--ppid', String(process.pid)], { encoding: 'utf8' })
      .split('\n')
      .filter((line) => line.includes('dial-stdio') && line.includes(f.directAlias))
      .map((line) => Number(line.trim().split(/\s+/)[0]));
    expect(children.length).toBeGreaterThan(0);
    for (const pid of children) process.kill(pid, 'SIGKILL');

    const back = await waitFor(
      () => (connection.status.state === 'connected' && connection.status.generation > first.generation ? connection.status : undefined),
      'the SSH engine to come back',
      30_000,
    );
    expect(states).toContain('disconnected');
    expect(back.generation).toBe(first.generation + 1);

    // Events flow again over the new pipe.
    const events: string[] = [];
    connection.onEvent((e) => events.push(e.name ?? ''));
    const name = uniqueName('ssh-event');
    made.push(name);
    await testDocker.createContainer({ name, Image: fixtureImage, Cmd: ['true'], Labels: { [fixtureLabel]: 'true' } });
    await waitFor(() => (events.includes(name) ? true : undefined), 'the create event over SSH', 30_000);
  });

  it('follows a ProxyJump alias (and fails, saying so, when the jump host is down)', async () => {
    const viaJump = open({ id: 'ssh-via-jump', host: `ssh://${f.viaJumpAlias}` }, f.configFile);
    expect(await viaJump.connect()).toMatchObject({ state: 'connected' });

    const deadJump = open({ id: 'ssh-via-dead-jump', host: `ssh://${f.viaDeadJumpAlias}` }, f.configFile);
    const status = await deadJump.connect();
    expect(status.state).toBe('disconnected');
    expect(status.error).toMatch(/Cannot reach the SSH server/);
    expect(status.hint).toMatch(/ProxyJump/);
  });

  it('shows an unknown host key with its fingerprint and adds it to known_hosts only when accepted', async () => {
    const { dir, config, knownHosts } = configWithKnownHosts(f, '');
    dirs.push(dir);
    const expected = fingerprintOf(f.targetHostKey);
    const connection = open({ id: 'ssh-unknown-key', host: 'ssh://berth-target-fresh' }, config);

    const status = await connection.connect();
    expect(status).toMatchObject({
      state: 'disconnected',
      refused: true,
      hostKey: { host: `[127.0.0.1]:${f.targetPort}`, keyType: 'ssh-ed25519', fingerprint: expected, problem: 'unknown' },
    });
    expect(status.error).toContain(expected);
    // Asking twice still asks: nothing was written.
    expect((await connection.connect()).hostKey?.problem).toBe('unknown');
    expect(readFileSync(knownHosts, 'utf8')).toBe('');

    await expect(connection.acceptHostKey('SHA256:not-the-one-shown')).rejects.toThrow(/not the one/);
    expect(readFileSync(knownHosts, 'utf8')).toBe('');

    const accepted = await connection.acceptHostKey(expected);
    expect(accepted.state).toBe('connected');
    expect(accepted.hostKey).toBeUndefined();
    const { keyType, key } = publicKeyOf(f.targetHostKey);
    expect(readFileSync(knownHosts, 'utf8')).toBe(`[127.0.0.1]:${f.targetPort} ${keyType} ${key}\n`);
  });

  it('says so in plain words when the server takes none of the client keys', async () => {
    const { keyType, key } = publicKeyOf(f.targetHostKey);
    const { dir, config } = configWithKnownHosts(f, `[127.0.0.1]:${f.targetPort} ${keyType} ${key}\n`);
    dirs.push(dir);
    // A key the server's authorized_keys does not list, in place of the fixture's.
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(dir, 'stranger')]);
    writeFileSync(config, readFileSync(config, 'utf8').replace(f.identityFile, join(dir, 'stranger')));
    const connection = open({ id: 'ssh-wrong-client-key', host: 'ssh://berth-target-fresh' }, config);
    const status = await connection.connect();
    expect(status.state).toBe('disconnected');
    expect(status.refused).toBeUndefined();
    expect(status.error).toMatch(/did not accept any of your keys \(.*Permission denied \(publickey\)/);
    expect(status.hint).toMatch(/ssh-agent/);
  });

  it('refuses a host whose key differs from known_hosts, and will not accept it', async () => {
    const jumpKey = publicKeyOf(f.jumpHostKey);
    const wrong = `[127.0.0.1]:${f.targetPort} ${jumpKey.keyType} ${jumpKey.key}\n`;
    const { dir, config, knownHosts } = configWithKnownHosts(f, wrong);
    dirs.push(dir);
    const connection = open({ id: 'ssh-changed-key', host: 'ssh://berth-target-fresh' }, config);

    const status = await connection.connect();
    expect(status).toMatchObject({
      state: 'disconnected',
      refused: true,
      hostKey: { problem: 'changed', fingerprint: fingerprintOf(f.targetHostKey) },
    });
    expect(status.error).toMatch(/has changed/);
    await expect(connection.acceptHostKey(fingerprintOf(f.targetHostKey))).rejects.toThrow(/no unknown SSH host key/);
    expect(readFileSync(knownHosts, 'utf8')).toBe(wrong);
  });
});

describe.skipIf(!ssh)(`an engine over SSH where there is no ssh program (dockerode's ssh2)${sshSkip}`, () => {
  const f = ssh as SshFixtures;
  let home = '';
  afterAll(() => rmSync(home, { recursive: true, force: true }));

  /** ssh2 reads ~/.ssh: a home of the test's own, with the fixture key and this known_hosts. */
  function openWithoutSsh(id: string, knownHosts: string): EngineConnection {
    home = mkdtempSync(join(tmpdir(), 'berth-ssh2-home-'));
    mkdirSync(join(home, '.ssh'), { mode: 0o700 });
    copyFileSync(f.identityFile, join(home, '.ssh', 'id_ed25519'));
    writeFileSync(join(home, '.ssh', 'known_hosts'), knownHosts);
    const saved = { HOME: process.env.HOME, SSH_AUTH_SOCK: process.env.SSH_AUTH_SOCK };
    process.env.HOME = home;
    delete process.env.SSH_AUTH_SOCK;
    try {
      const connection = new EngineConnection({
        id,
        spec: { id, name: id, host: `ssh://${f.user}@127.0.0.1:${f.targetPort}`, source: 'saved' },
        sshBinary: null,
        retryDelaysMs: [60_000],
      });
      opened.push(connection);
      return connection;
    } finally {
      process.env.HOME = saved.HOME;
      if (saved.SSH_AUTH_SOCK !== undefined) process.env.SSH_AUTH_SOCK = saved.SSH_AUTH_SOCK;
    }
  }

  it('checks the host key against known_hosts too: unknown is shown, accepted on request, then it connects', async () => {
    const connection = openWithoutSsh('ssh2-unknown', '');
    const expected = fingerprintOf(f.targetHostKey);
    const status = await connection.connect();
    expect(status).toMatchObject({ state: 'disconnected', refused: true, hostKey: { problem: 'unknown', fingerprint: expected } });
    expect(readFileSync(join(home, '.ssh', 'known_hosts'), 'utf8')).toBe('');
    expect(await connection.acceptHostKey(expected)).toMatchObject({ state: 'connected' });
    const { keyType, key } = publicKeyOf(f.targetHostKey);
    expect(readFileSync(join(home, '.ssh', 'known_hosts'), 'utf8')).toBe(`[127.0.0.1]:${f.targetPort} ${keyType} ${key}\n`);
  });

  it('refuses a changed key', async () => {
    const jumpKey = publicKeyOf(f.jumpHostKey);
    const connection = openWithoutSsh('ssh2-changed', `[127.0.0.1]:${f.targetPort} ${jumpKey.keyType} ${jumpKey.key}\n`);
    const status = await connection.connect();
    expect(status).toMatchObject({ state: 'disconnected', refused: true, hostKey: { problem: 'changed' } });
    expect(status.error).toMatch(/differs from the one in known_hosts/);
  });
});

describe.skipIf(!tls)(`an engine over TCP with TLS${tlsSkip}`, () => {
  const t = tls as NonNullable<typeof tls>;

  it('answers with the client certificate its CA signed, and has the fixture image', async () => {
    const connection = open({ id: 'tls-engine', host: t.host, tls: { certPath: t.certPath, verify: true } });
    expect(await connection.connect()).toMatchObject({ state: 'connected', endpoint: t.host });
    const images = await connection.use((docker) => docker.listImages());
    expect(images.flatMap((i) => i.RepoTags ?? [])).toContain(fixtureImage);
  });

  it('refuses a client certificate from another CA, saying it is the client certificate', async () => {
    const connection = open({ id: 'tls-other-ca', host: t.host, tls: { certPath: t.otherCaCertPath, verify: true } });
    const status = await connection.connect();
    expect(status).toMatchObject({ state: 'disconnected', refused: true });
    expect(status.error).toMatch(/refused Berth's client certificate/);
  });

  it('refuses an engine whose certificate ca.pem does not vouch for', async () => {
    // The client's own files, but the second CA as ca.pem: the engine's certificate is not from it.
    const dir = mkdtempSync(join(tmpdir(), 'berth-tls-test-'));
    try {
      copyFileSync(join(dirname(t.certPath), 'other-ca.pem'), join(dir, 'ca.pem'));
      for (const file of ['cert.pem', 'key.pem']) copyFileSync(join(t.certPath, file), join(dir, file));
      const connection = open({ id: 'tls-untrusted', host: t.host, tls: { certPath: dir, verify: true } });
      const status = await connection.connect();
      expect(status).toMatchObject({ state: 'disconnected', refused: true });
      expect(status.error).toMatch(/ca.pem does not vouch for/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('lists the context `docker context create` made, and connects through it', async () => {
    const contexts = (await readDockerContexts({ DOCKER_CONFIG: t.dockerConfig })).specs;
    const spec = contexts.find((c) => c.contextName === t.context);
    expect(spec).toMatchObject({ id: `ctx-${t.context}`, host: t.host, source: 'context', tls: { verify: true } });
    const connection = new EngineConnection({ id: spec?.id ?? 'ctx', spec: spec as EngineSpec, retryDelaysMs: [60_000] });
    opened.push(connection);
    expect(await connection.connect()).toMatchObject({ state: 'connected' });
  });
});
