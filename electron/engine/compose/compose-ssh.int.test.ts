import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StackRunInput, StackRunMessage } from '../../../shared/compose-types.js';
import { fixtureImage, fixtureLabel, testDocker } from '../../test-support/engine-fixtures.js';
import { loadEngineFixtures } from '../../test-support/remote-engines.js';
import { EngineConnection } from '../engine-connection.js';
import { ComposeService } from './compose-service.js';

const fixtures = loadEngineFixtures();
const ssh = 'ssh' in fixtures && !('skipped' in fixtures.ssh) ? fixtures.ssh : undefined;
const skipReason =
  'missing' in fixtures ? fixtures.missing : 'skipped' in fixtures.ssh ? `ssh engines: ${fixtures.ssh.skipped}` : undefined;

function runToEnd(compose: ComposeService, input: StackRunInput): Promise<{ messages: StackRunMessage[]; error?: unknown }> {
  return new Promise((resolve) => {
    const messages: StackRunMessage[] = [];
    compose.run(input, { send: (m) => (messages.push(m), true), end: (error) => resolve({ messages, error }) }, 'client-1');
  });
}

const outputOf = (messages: StackRunMessage[]) => messages.map((m) => (m.t === 'output' ? m.text : '')).join('');

/**
 * docker-compose 1.29 over ssh:// (python3-paramiko installed by set-up), to the test engine's ssh
 * alias, whose port lives only in the ssh config: compose dials through the system ssh (the test
 * config's wrapper, first on PATH, as a user's ~/.ssh/config would be read).
 */
describe.skipIf(!ssh)(`Compose on an ssh:// engine${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  const project = `berth-h6ssh-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  const savedPath = process.env.PATH;
  let folder = '';
  let connection: EngineConnection;
  let compose: ComposeService;

  beforeAll(async () => {
    process.env.PATH = `${ssh!.binDir}:${savedPath ?? ''}`;
    connection = new EngineConnection({
      id: 'h6-compose-ssh',
      spec: { id: 'h6-compose-ssh', name: 'h6-compose-ssh', host: `ssh://${ssh!.directAlias}`, source: 'saved' },
      sshConfigFile: ssh!.configFile,
    });
    compose = new ComposeService(connection);
    await connection.connect();
    folder = await mkdtemp(join(tmpdir(), 'berth-h6ssh-'));
    await writeFile(
      join(folder, 'compose.yaml'),
      `services:\n  a:\n    image: ${fixtureImage}\n    network_mode: none\n    command: ["sleep", "3600"]\n    stop_signal: SIGKILL\n    labels: ["${fixtureLabel}=true"]\n`,
    );
  });

  afterAll(async () => {
    // Cleaned up through the local socket: each request over ssh costs a new ssh session.
    const byProject = { label: [`com.docker.compose.project=${project}`] };
    for (const c of await testDocker.listContainers({ all: true, filters: byProject }))
      await testDocker.getContainer(c.Id).remove({ force: true });
    for (const n of await testDocker.listNetworks({ filters: byProject })) await testDocker.getNetwork(n.Id).remove();
    await compose.closeAll();
    connection.close();
    process.env.PATH = savedPath;
    await rm(folder, { recursive: true, force: true });
  });

  // docker-compose opens one ssh session per API request (about 2 s each on a busy machine): up takes about a minute here.
  it('brings a stack up on the ssh engine', { timeout: 300_000 }, async () => {
    const stack = (await compose.open({ program: 'docker-compose', path: folder, project })).stack;
    const up = await runToEnd(compose, { program: 'docker-compose', stack, run: { action: 'up' } });
    expect(up.error, outputOf(up.messages)).toBeUndefined();
    expect(
      up.messages.find((m) => m.t === 'exit'),
      outputOf(up.messages),
    ).toMatchObject({ code: 0, created: ['a'] });
    // The ssh engine is this machine's engine behind sshd: what it made is here.
    const made = await testDocker.listContainers({ all: true, filters: { label: [`com.docker.compose.project=${project}`] } });
    expect(made.map((c) => c.State)).toEqual(['running']);
  });
});
