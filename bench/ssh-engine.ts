// An engine over SSH (issue 13): the time of one small request (GET /version) through Berth's SSH
// agent, kept open (pooled connection + its own ControlMaster), against the docker CLI doing the
// same over the same sshd (`docker -H ssh://…`, one SSH session per command), and against Berth
// opening a new SSH session per request (no pool, no ControlMaster). Also counts the SSH logins the
// pooled agent made: a list, the events and terminals must not each pay a handshake.
// Needs the SSH fixtures of scripts/setup-test-env.sh. Run: `node --import tsx bench/ssh-engine.ts`.
// Knob: BENCH_SSH_REQUESTS (20 per variant). Timings only print.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import Docker from 'dockerode';
import { SshDialAgent, defaultControlDir } from '../electron/engine/endpoints/ssh-dial-agent.js';
import { findSshBinary } from '../electron/engine/endpoints/ssh-target.js';
import { loadEngineFixtures } from '../electron/test-support/remote-engines.js';
import { median, report, timed } from './bench-kit.js';

const run = promisify(execFile);
const requests = Number(process.env.BENCH_SSH_REQUESTS ?? 20);
const fixtures = loadEngineFixtures();
const sshBinary = findSshBinary();
const why =
  'missing' in fixtures ? fixtures.missing : 'skipped' in fixtures.ssh ? fixtures.ssh.skipped : !sshBinary ? 'no ssh program' : undefined;
if ('missing' in fixtures || 'skipped' in fixtures.ssh || !sshBinary) {
  console.log(`(SSH figures skipped: ${why ?? ''})`);
  process.exit(0);
}
const { ssh } = fixtures;
const target = { host: ssh.directAlias, configFile: ssh.configFile };

function dockerThrough(agent: SshDialAgent): Docker {
  return new Docker({ host: 'docker', protocol: 'http', agent } as Docker.DockerOptions);
}

async function medianMs(work: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < requests; i += 1) times.push((await timed(work)).ms);
  return median(times);
}

async function logins(): Promise<number> {
  const { stdout } = await run('grep', ['-c', 'Accepted publickey', ssh.configFile.replace(/config$/, 'sshd-target.log')]).catch(() => ({
    stdout: '0',
  }));
  return Number(stdout.trim());
}

const cliMs = await medianMs(() =>
  run('docker', ['-H', `ssh://${ssh.directAlias}`, 'version', '--format', '{{.Server.Version}}'], {
    env: { ...process.env, PATH: `${ssh.binDir}:${process.env.PATH ?? ''}` },
  }),
);
const freshMs = await medianMs(async () => {
  const agent = new SshDialAgent(target, { sshBinary, controlDir: undefined });
  await dockerThrough(agent).version();
  agent.destroy();
});
const pooledAgent = new SshDialAgent(target, { sshBinary, controlDir: defaultControlDir() });
const pooled = dockerThrough(pooledAgent);
const before = await logins();
await pooled.version();
const pooledMs = await medianMs(() => pooled.version());
// Concurrent requests take more connections: they ride the same SSH session as new channels.
await Promise.all([pooled.version(), pooled.listContainers(), pooled.listImages(), pooled.info()]);
const made = (await logins()) - before;
pooledAgent.destroy();

report(
  `One GET /version over SSH (median of ${requests})`,
  { name: 'docker -H ssh:// (CLI, a session per command)', unit: 'ms', value: cliMs },
  [
    { name: 'Berth, pooled + ControlMaster', unit: 'ms', value: pooledMs },
    { name: 'Berth, a new SSH session per request', unit: 'ms', value: freshMs },
  ],
  false,
);
console.log(`SSH logins by the pooled agent for ${requests + 5} requests (4 of them concurrent): ${made}`);
