import { hostCheckScript } from './robot-run-contract.js';
import { existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { invocationsOfShownLine } from '../electron/test-support/shell-echo.js';
import {
  callNames,
  calls,
  cliEquivalent,
  streamCliEquivalent,
  streamNames,
  streams,
  type CallInput,
  type CallName,
  type StreamInput,
  type StreamName,
} from './contract.js';
import { formatCommand, type CommandWords } from './shell-command.js';

// Every command line the contract shows, run through a real /bin/sh with `docker`, `tar` and `jq`
// replaced by functions that record their arguments: each hostile value must arrive as one literal
// word, and nothing in it may run (it would create `pwned`).

const pwned = join(tmpdir(), `berth-shown-command-pwned-${process.pid}`);
const shellEnv = { BERTH_PWNED: pwned, HOME: '/home/berth-test' };

/** One value that is every kind of trouble at once: substitution, backticks, quotes, separators, globs, tilde, history, a newline. */
const H = `x $(touch "$BERTH_PWNED") \`touch "$BERTH_PWNED"\`; touch "$BERTH_PWNED" it's "q" * ~ !! \\n\nnext`;
/** The brief's own examples. */
const commitMessage = '$(touch "$BERTH_PWNED")';
const spacedDir = '/a b';
const envEntry = 'A=$(id)';

interface Case<I> {
  readonly input: I;
  /** The argv of each program the shown line runs, in order. */
  readonly runs: readonly CommandWords[];
}
type CallCases = { readonly [K in CallName]?: Case<CallInput<K>> };
type StreamCases = { readonly [K in StreamName]?: Case<StreamInput<K>> };

const hostileSpec = {
  image: H,
  name: H,
  command: [H, '-c', '$(id)'],
  entrypoint: [H, 'x y'],
  env: [{ key: 'A', value: '$(id)' }],
  ports: [{ hostIp: H, hostPort: 8080, containerPort: 80, protocol: 'udp' as const }],
  mounts: [{ type: 'bind' as const, source: H, target: spacedDir, readOnly: true }],
  workdir: spacedDir,
  user: H,
  restart: 'on-failure' as const,
  restartMaxRetries: 3,
  interactive: true,
  tty: true,
  autoRemove: true,
  network: H,
  devices: [{ hostPath: H, containerPath: '/dev/x y', permissions: 'rw' }],
  privileged: true,
  gpus: 'all' as const,
  labels: [{ key: H, value: H }],
  cpus: 0.5,
  memory: 64 * 1024 * 1024,
  capAdd: [H],
  capDrop: [H],
  ipc: 'host' as const,
  pid: 'host' as const,
  hostname: H,
  extraHosts: [{ host: H, ip: '10.0.0.1' }],
};
const hostileRunFlags = [
  '-it',
  '--rm',
  '--name',
  H,
  '--restart',
  'on-failure:3',
  '--network',
  H,
  '--hostname',
  H,
  '--add-host',
  `${H}:10.0.0.1`,
  '--ipc',
  'host',
  '--pid',
  'host',
  '--publish',
  `${H}:8080:80/udp`,
  '--env',
  'A=$(id)',
  '--volume',
  `${H}:/a b:ro`,
  '--device',
  `${H}:/dev/x y:rw`,
  '--privileged',
  '--cap-add',
  H,
  '--cap-drop',
  H,
  '--gpus',
  'all',
  '--cpus',
  '0.5',
  '--memory',
  '64m',
  '--workdir',
  spacedDir,
  '--user',
  H,
  '--label',
  `${H}=${H}`,
  '--entrypoint',
  H,
  H,
  'x y',
  H,
  '-c',
  '$(id)',
];

const callCases: CallCases = {
  'engine.status': { input: {}, runs: [['docker', 'version']] },
  'engine.reconnect': { input: {}, runs: [['docker', 'info']] },
  'containers.list': { input: {}, runs: [['docker', 'ps', '--all', '--no-trunc']] },
  'containers.start': { input: { id: H }, runs: [['docker', 'start', H]] },
  'containers.stop': { input: { id: H, timeoutSeconds: 3 }, runs: [['docker', 'stop', '--time', '3', H]] },
  'containers.restart': { input: { id: H }, runs: [['docker', 'restart', H]] },
  'containers.remove': { input: { id: H, force: true, removeVolumes: true }, runs: [['docker', 'rm', '--force', '--volumes', H]] },
  'containers.run': { input: { spec: hostileSpec, start: true }, runs: [['docker', 'run', '--detach', ...hostileRunFlags]] },
  'containers.pause': { input: { id: H }, runs: [['docker', 'pause', H]] },
  'containers.unpause': { input: { id: H }, runs: [['docker', 'unpause', H]] },
  'containers.kill': { input: { id: H, signal: '$(id)' }, runs: [['docker', 'kill', '--signal', '$(id)', H]] },
  'containers.rename': { input: { id: H, name: 'new $(id)' }, runs: [['docker', 'rename', H, 'new $(id)']] },
  'containers.inspect': { input: { id: H }, runs: [['docker', 'inspect', H]] },
  'containers.runSpec': { input: { id: H }, runs: [['docker', 'inspect', H]] },
  'engine.hostResources': {
    input: { image: 'busybox:1.36' },
    runs: [
      [
        'docker',
        'run',
        '--rm',
        '--network',
        'none',
        '--volume',
        '/dev:/host/dev:ro',
        '--volume',
        '/tmp:/host/tmp:ro',
        '--volume',
        '/run:/host/run:ro',
        '--volume',
        '/home:/host/home:ro',
        '--volume',
        '/root:/host/root:ro',
        'busybox:1.36',
        'sh',
        '-c',
        hostCheckScript,
      ],
    ],
  },
  'terminal.debugShell': {
    input: { containerId: H, image: 'busybox:1.36', cols: 80, rows: 24 },
    runs: [['docker', 'run', '-it', '--rm', '--pid', `container:${H}`, '--network', `container:${H}`, 'busybox:1.36', 'sh']],
  },
  'containers.changes': { input: { id: H }, runs: [['docker', 'diff', H]] },
  'containers.top': { input: { id: H }, runs: [['docker', 'top', H]] },
  'containers.commit': {
    input: { id: H, repository: H, tag: H, message: commitMessage, author: H, pause: false },
    runs: [['docker', 'commit', '--message', commitMessage, '--author', H, '--pause=false', H, `${H}:${H}`]],
  },
  'images.list': { input: {}, runs: [['docker', 'images']] },
  'images.tag': { input: { image: H, target: H }, runs: [['docker', 'tag', H, H]] },
  'images.untag': { input: { reference: H }, runs: [['docker', 'rmi', H]] },
  'images.remove': { input: { image: H, force: true, noPrune: true }, runs: [['docker', 'rmi', '--force', '--no-prune', H]] },
  'images.prunePreview': { input: { label: H }, runs: [['docker', 'images', '--filter', 'dangling=true', '--filter', `label=${H}`]] },
  'images.prune': { input: { all: true, label: H }, runs: [['docker', 'image', 'prune', '--force', '--all', '--filter', `label=${H}`]] },
  'images.login': {
    input: { serverAddress: H, username: H, password: 'never-shown' },
    runs: [['docker', 'login', '--username', H, '--password-stdin', H]],
  },
  'images.logout': { input: { serverAddress: H }, runs: [['docker', 'logout', H]] },
  'images.accounts': { input: {}, runs: [['jq', '.auths | keys', '/home/berth-test/.docker/config.json']] },
  'images.credentialStorage': { input: {}, runs: [['jq', '{credsStore, credHelpers}', '/home/berth-test/.docker/config.json']] },
  'images.inspect': { input: { image: H }, runs: [['docker', 'image', 'inspect', H]] },
  'images.history': { input: { image: H }, runs: [['docker', 'history', '--no-trunc', H]] },
  'images.relations': { input: { image: H }, runs: [['docker', 'ps', '--all', '--filter', `ancestor=${H}`]] },
  'images.layerFiles': {
    input: { image: H, diffId: `sha256:${'a'.repeat(64)}` },
    runs: [
      ['docker', 'save', H],
      ['tar', '-t'],
    ],
  },
  'files.list': { input: { id: H, path: '/a b/$(id)' }, runs: [['docker', 'exec', H, 'ls', '-la', '/a b/$(id)']] },
  'files.uploadBegin': {
    input: {
      id: 'web',
      dir: spacedDir,
      files: [
        { name: H, size: 1 },
        { name: '-rf', size: 1 },
        { name: 'a:b', size: 1 },
      ],
      replace: false,
    },
    runs: [
      ['docker', 'cp', H, 'web:/a b'],
      ['docker', 'cp', './-rf', 'web:/a b'],
      ['docker', 'cp', './a:b', 'web:/a b'],
    ],
  },
  'volumes.list': { input: {}, runs: [['docker', 'volume', 'ls']] },
  'volumes.create': {
    input: { name: H, driver: H, labels: { [H]: H, bare: '' }, options: { o: H } },
    runs: [['docker', 'volume', 'create', '--driver', H, '--label', `${H}=${H}`, '--label', 'bare', '--opt', `o=${H}`, H]],
  },
  'volumes.remove': { input: { name: H }, runs: [['docker', 'volume', 'rm', H]] },
  'volumes.removeMany': { input: { names: [H, 'b'] }, runs: [['docker', 'volume', 'rm', H, 'b']] },
  'learn.cleanup': {
    input: { lesson: 'images', prefix: 'learn', containers: [H, 'b'], images: [H] },
    runs: [
      ['docker', 'rm', '--force', H, 'b'],
      ['docker', 'rmi', H],
    ],
  },
  'volumes.prunePreview': {
    input: { label: H },
    runs: [['docker', 'volume', 'ls', '--filter', 'dangling=true', '--filter', `label=${H}`]],
  },
  'volumes.prune': { input: { volumes: [{ name: H, createdAt: null }] }, runs: [['docker', 'volume', 'rm', H]] },
  'volumes.sizes': { input: {}, runs: [['docker', 'system', 'df', '--verbose']] },
  'volumes.inspect': { input: { name: H }, runs: [['docker', 'volume', 'inspect', H]] },
  'networks.list': { input: {}, runs: [['docker', 'network', 'ls', '--no-trunc']] },
  'networks.inspect': { input: { network: H }, runs: [['docker', 'network', 'inspect', H]] },
  'networks.create': {
    input: { name: H, subnet: H, gateway: H, internal: true, attachable: true, labels: { [H]: H } },
    runs: [['docker', 'network', 'create', '--subnet', H, '--gateway', H, '--internal', '--attachable', '--label', `${H}=${H}`, H]],
  },
  'networks.remove': { input: { network: H }, runs: [['docker', 'network', 'rm', H]] },
  'networks.removeMany': { input: { networks: [H, 'b'] }, runs: [['docker', 'network', 'rm', H, 'b']] },
  'networks.prune': { input: { networks: [H] }, runs: [['docker', 'network', 'rm', H]] },
  'networks.prunePreview': { input: {}, runs: [['docker', 'network', 'ls', '--filter', 'type=custom', '--filter', 'scope=local']] },
  'networks.connect': { input: { network: H, container: H, ipv4Address: H }, runs: [['docker', 'network', 'connect', '--ip', H, H, H]] },
  'networks.disconnect': { input: { network: H, container: H }, runs: [['docker', 'network', 'disconnect', H, H]] },
  'terminal.open': {
    input: { containerId: H, shell: 'auto', user: H, workdir: spacedDir, env: [envEntry, `B=${H}`], cols: 80, rows: 24 },
    runs: [['docker', 'exec', '-it', '--user', H, '--workdir', spacedDir, '--env', envEntry, '--env', `B=${H}`, H, 'bash']],
  },
  'terminal.attach': { input: { containerId: H, cols: 80, rows: 24 }, runs: [['docker', 'attach', H]] },
  'compose.open': {
    input: { program: 'docker-compose', path: H, project: H, extraFiles: [H], profiles: [H], envFile: H },
    runs: [['docker-compose', '-p', H, '-f', H, '-f', H, '--profile', H, '--env-file', H, 'config', '--services']],
  },
  'compose.describe': {
    input: { program: 'docker compose', stack: { project: H, files: [H], profiles: [H], envFile: H } },
    runs: [['docker', 'compose', '-p', H, '-f', H, '--profile', H, '--env-file', H, 'config']],
  },
  'compose.check': {
    input: { program: 'docker-compose', stack: { project: H, files: [H, spacedDir] }, path: H, text: H },
    runs: [['docker-compose', '-p', H, '-f', '-', '-f', spacedDir, 'config', '-q']],
  },
  'compose.create': {
    input: { program: 'docker-compose', folder: `${spacedDir}/${H}`, project: H, text: H },
    runs: [['docker-compose', '-p', H, '-f', `${spacedDir}/${H}/compose.yaml`, 'config', '--services']],
  },
  'terminal.run': { input: { spec: hostileSpec, cols: 80, rows: 24 }, runs: [['docker', 'run', ...hostileRunFlags]] },
};

const streamCases: StreamCases = {
  'engine.events': { input: {}, runs: [['docker', 'events']] },
  'containers.watch': { input: {}, runs: [['docker', 'ps', '--all']] },
  'images.watch': { input: {}, runs: [['docker', 'images']] },
  'volumes.watch': { input: {}, runs: [['docker', 'volume', 'ls']] },
  'networks.watch': { input: {}, runs: [['docker', 'network', 'ls']] },
  'containers.logs': {
    input: { id: H, tail: 100, follow: true, timestamps: true, since: 1_700_000_000 },
    runs: [['docker', 'logs', '--tail', '100', '--follow', '--timestamps', '--since', '1700000000', H]],
  },
  'containers.stats': { input: { id: H }, runs: [['docker', 'stats', H]] },
  'images.pull': { input: { reference: H }, runs: [['docker', 'pull', H]] },
  'images.push': { input: { reference: H }, runs: [['docker', 'push', H]] },
  'images.build': {
    input: {
      contextPath: '/ctx dir/$(id)',
      dockerfile: H,
      tags: [H],
      buildArgs: { A: H },
      target: H,
      noCache: true,
      pull: true,
      labels: { [H]: H },
    },
    runs: [
      [
        'docker',
        'build',
        '-t',
        H,
        '-f',
        H,
        '--build-arg',
        `A=${H}`,
        '--label',
        `${H}=${H}`,
        '--target',
        H,
        '--no-cache',
        '--pull',
        '--force-rm',
        '/ctx dir/$(id)',
      ],
    ],
  },
  'files.download': { input: { id: 'web', path: '/a b/$(id)' }, runs: [['docker', 'cp', 'web:/a b/$(id)', '.']] },
  'compose.run': {
    input: {
      program: 'docker-compose',
      stack: { project: H, files: [H] },
      run: { action: 'up', pull: 'always', build: true, scale: { [H]: 2 }, services: [H] },
    },
    runs: [
      ['docker-compose', '-p', H, '-f', H, 'pull', H],
      ['docker-compose', '-p', H, '-f', H, 'up', '-d', '--build', '--scale', `${H}=2`, H],
    ],
  },
};

interface ShownEntry {
  readonly cli?: (input: never) => string;
  readonly cliArgs?: (input: never) => CommandWords;
}
const entries: [string, ShownEntry, Case<unknown> | undefined][] = [
  ...callNames.map(
    (name) =>
      [name, calls[name] as ShownEntry, callCases[name] as Case<unknown> | undefined] as [string, ShownEntry, Case<unknown> | undefined],
  ),
  ...streamNames.map(
    (name) =>
      [name, streams[name] as ShownEntry, streamCases[name] as Case<unknown> | undefined] as [
        string,
        ShownEntry,
        Case<unknown> | undefined,
      ],
  ),
];
const shown = entries.filter(([, def]) => def.cli !== undefined);

afterEach(() => rmSync(pwned, { force: true }));

describe('every command line the contract shows', () => {
  it('has a hostile case here (a new cli needs one)', () => {
    expect(shown.filter(([, , c]) => c === undefined).map(([name]) => name)).toEqual([]);
  });

  it.each(shown.map(([name]) => name))('%s: hostile values reach each program as literal words, and none runs', (name) => {
    const [, def, c] = shown.find(([n]) => n === name)!;
    const show = def.cli as (input: unknown) => string;
    const line = show(c!.input);
    expect(invocationsOfShownLine(line, shellEnv)).toEqual(c!.runs);
    expect(existsSync(pwned)).toBe(false);
  });

  it.each(shown.filter(([, def]) => def.cliArgs !== undefined).map(([name]) => name))(
    '%s: cliArgs are the words of the first command shown',
    (name) => {
      const [, def, c] = shown.find(([n]) => n === name)!;
      const words = (def.cliArgs as (input: unknown) => CommandWords)(c!.input);
      expect(words).toEqual(c!.runs[0]);
      expect((def.cli as (input: unknown) => string)(c!.input).startsWith(formatCommand(words))).toBe(true);
    },
  );

  it('shows the brief examples quoted: a commit message, a workdir with a space, an env value with $()', () => {
    expect(cliEquivalent('containers.commit', { id: 'web', repository: 'snap', message: '$(touch /tmp/pwned)' })).toBe(
      "docker commit --message '$(touch /tmp/pwned)' web snap",
    );
    expect(cliEquivalent('terminal.open', { containerId: 'web', shell: 'sh', workdir: '/a b', env: ['A=$(id)'], cols: 80, rows: 24 })).toBe(
      "docker exec -it --workdir '/a b' --env 'A=$(id)' web sh",
    );
    expect(
      cliEquivalent('containers.run', {
        spec: { ...hostileSpec, name: 'web', image: 'busybox', command: [], entrypoint: undefined },
        start: false,
      })?.startsWith('docker create -it --rm --name web'),
    ).toBe(true);
    expect(streamCliEquivalent('containers.logs', { id: 'web', tail: 10, follow: false, since: 5 })).toBe(
      'docker logs --tail 10 --since 5 web',
    );
  });

  it('never shows the registry password', () => {
    expect(cliEquivalent('images.login', { serverAddress: 'r.example', username: 'u', password: 'hunter2' })).not.toContain('hunter2');
  });
});
