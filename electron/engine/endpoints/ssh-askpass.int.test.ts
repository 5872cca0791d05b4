import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import Dockerode from 'dockerode';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadEngineFixtures, type SshFixtures } from '../../test-support/remote-engines.js';
import { EngineConnection } from '../engine-connection.js';
import { SshAskpass, type PassphraseRequest } from './ssh-askpass.js';
import { SshDialAgent } from './ssh-dial-agent.js';

const fixtures = loadEngineFixtures();
const ssh = 'missing' in fixtures || 'skipped' in fixtures.ssh ? undefined : fixtures.ssh;
const skip =
  'missing' in fixtures ? ` (skipped: ${fixtures.missing})` : 'skipped' in fixtures.ssh ? ` (skipped: ${fixtures.ssh.skipped})` : '';

const passphrase = 'correct horse battery';

describe.skipIf(!ssh)(`a key with a passphrase and no agent: asked through Berth's askpass channel${skip}`, () => {
  const f = ssh as SshFixtures;
  const dir = mkdtempSync(join(tmpdir(), 'berth-h5-askpass-'));
  const keyFile = join(dir, 'id_h5');
  const config = join(dir, 'config');
  // The file the test sshd reads (AuthorizedKeysFile in set-up's sshd config, beside the ssh config).
  const authorizedKeys = join(dirname(f.configFile), 'authorized_keys');
  let publicLine = '';
  const agents: SshDialAgent[] = [];

  beforeAll(() => {
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', passphrase, '-C', 'berth-h5-askpass', '-f', keyFile]);
    publicLine = readFileSync(`${keyFile}.pub`, 'utf8').trim();
    appendFileSync(authorizedKeys, `\n${publicLine}\n`);
    writeFileSync(
      config,
      [
        'Host h5-passphrase',
        '  HostName 127.0.0.1',
        `  Port ${f.targetPort}`,
        `  User ${f.user}`,
        `  IdentityFile ${keyFile}`,
        '  IdentitiesOnly yes',
        // No agent: the passphrase can only come from the askpass channel.
        '  IdentityAgent none',
        `  UserKnownHostsFile ${f.knownHostsFile}`,
        '  GlobalKnownHostsFile /dev/null',
        '',
      ].join('\n'),
    );
  });
  afterEach(() => {
    for (const agent of agents.splice(0)) agent.destroy();
  });
  afterAll(() => {
    const kept = readFileSync(authorizedKeys, 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== publicLine);
    writeFileSync(authorizedKeys, kept.join('\n').replace(/\n+$/, '\n'));
    rmSync(dir, { recursive: true, force: true });
  });

  /** An engine client over an ssh agent whose passphrase prompts the test answers. */
  function engineAsking(answer: (request: PassphraseRequest) => string | undefined): { docker: Dockerode; asked: PassphraseRequest[] } {
    const asked: PassphraseRequest[] = [];
    const askpass = new SshAskpass('root@h5-passphrase', (request) => {
      asked.push(request);
      return Promise.resolve(answer(request));
    });
    const agent = new SshDialAgent({ host: 'h5-passphrase', configFile: config }, { sshBinary: 'ssh', askpass });
    agents.push(agent);
    return { docker: new Dockerode({ host: 'docker', protocol: 'http', agent } as Dockerode.DockerOptions), asked };
  }

  it('asks for the passphrase, connects with the answer, and does not ask again for the next connection', async () => {
    const { docker, asked } = engineAsking(() => passphrase);
    expect((await docker.version()).ApiVersion).toBeTruthy();
    expect(asked).toEqual([{ keyFile, destination: 'root@h5-passphrase' }]);
    // A second connection (no ControlMaster here): the passphrase kept in memory answers it.
    await Promise.all([docker.ping(), docker.info()]);
    expect(asked).toHaveLength(1);
  });

  it('says the passphrase was wrong when it was', async () => {
    const { docker, asked } = engineAsking(() => 'not it');
    await expect(docker.version()).rejects.toThrow(`wrong passphrase for key ${keyFile}`);
    expect(asked).toHaveLength(1);
  });

  it('fails with "passphrase not given" when the user cancels', async () => {
    const { docker } = engineAsking(() => undefined);
    await expect(docker.version()).rejects.toThrow(`passphrase not given for key ${keyFile}`);
  });

  it('an engine connection asks through askPassphrase, and a wrong answer leaves it refused (no timed retries asking again)', async () => {
    const answers = ['not it', passphrase];
    const asked: PassphraseRequest[] = [];
    const connection = new EngineConnection({
      id: 'h5-askpass',
      spec: { id: 'h5-askpass', name: 'h5-askpass', host: 'ssh://h5-passphrase', source: 'saved' },
      sshConfigFile: config,
      askPassphrase: (request) => (asked.push(request), Promise.resolve(answers.shift())),
      retryDelaysMs: [100],
    });
    try {
      const wrong = await connection.connect();
      expect(wrong).toMatchObject({ state: 'disconnected', refused: true });
      expect(wrong.error).toContain(`wrong passphrase for key ${keyFile}`);
      expect(asked).toHaveLength(1);
      // Connecting again (the user's act) asks again; the right answer connects.
      expect(await connection.connect()).toMatchObject({ state: 'connected' });
      expect(asked.map((r) => r.keyFile)).toEqual([keyFile, keyFile]);
      // The second question says the first answer was wrong (so a kept passphrase is not given again).
      expect(asked.map((r) => r.afterWrong === true)).toEqual([false, true]);
    } finally {
      connection.close();
    }
  });
});
