import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StackRef, StackRunInput, StackRunMessage } from '../../../shared/compose-types.js';
import { EngineConnection } from '../engine-connection.js';
import { fixtureImage, fixtureLabel, testDocker, waitFor } from '../../test-support/engine-fixtures.js';
import { ComposeService } from './compose-service.js';

/** Two services on no network (tests use no bridge network), one with a named volume. */
function stackFile(commandOfA: string): string {
  return `services:
  a:
    image: ${fixtureImage}
    network_mode: none
    command: ${commandOfA}
    stop_signal: SIGKILL
    labels: ["${fixtureLabel}=true"]
  b:
    image: ${fixtureImage}
    network_mode: none
    command: ["sh", "-c", "echo b-started; sleep 3600"]
    stop_signal: SIGKILL
    labels: ["${fixtureLabel}=true"]
    volumes: ["data:/data"]
volumes:
  data:
    labels: ["${fixtureLabel}=true"]
`;
}

interface RunResult {
  messages: StackRunMessage[];
  error?: unknown;
}

function runToEnd(compose: ComposeService, input: StackRunInput): Promise<RunResult> {
  return new Promise((resolve) => {
    const messages: StackRunMessage[] = [];
    compose.run(input, { send: (m) => (messages.push(m), true), end: (error) => resolve({ messages, error }) }, 'client-1');
  });
}

const exitOf = (r: RunResult) => r.messages.find((m) => m.t === 'exit');
const outputOf = (r: RunResult) => r.messages.map((m) => (m.t === 'output' ? m.text : '')).join('');

async function projectContainers(project: string) {
  const list = await testDocker.listContainers({ all: true, filters: { label: [`com.docker.compose.project=${project}`] } });
  return new Map(list.map((c) => [c.Labels['com.docker.compose.service'] ?? '', c]));
}

describe('Compose stacks through the real docker-compose', () => {
  const project = `berth-stk-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  let folder = '';
  let file = '';
  let stack: StackRef;
  const connection = new EngineConnection({ id: 'local' });
  const compose = new ComposeService(connection);

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'berth-stk-'));
    file = join(folder, 'compose.yaml');
    await writeFile(file, stackFile('["sh", "-c", "echo a-started; sleep 3600"]'));
    await connection.connect();
  });

  afterAll(async () => {
    if (stack) await runToEnd(compose, { program: 'docker-compose', stack, run: { action: 'down', volumes: true } });
    await compose.closeAll();
    connection.close();
    await rm(folder, { recursive: true, force: true });
  });

  it('finds docker-compose on this machine', async () => {
    expect(await compose.info()).toMatchObject({ program: 'docker-compose', version: expect.stringMatching(/^1\.29/) });
  });

  it('opens the folder: its compose.yaml, its services and the engine name of its volume', async () => {
    const opened = await compose.open({ program: 'docker-compose', path: folder, project });
    stack = opened.stack;
    expect(stack).toEqual({ project, files: [file], profiles: [] });
    expect(opened.description.services.map((s) => s.name)).toEqual(['a', 'b']);
    expect(opened.description.volumes).toEqual([{ key: 'data', name: `${project}_data`, external: false }]);
    expect(compose.opened()).toContainEqual(stack);
  });

  it('brings it up detached: every service running, their creation reported', async () => {
    const result = await runToEnd(compose, { program: 'docker-compose', stack, run: { action: 'up' } });
    expect(result.error).toBeUndefined();
    expect(result.messages[0]).toEqual({ t: 'command', words: ['docker-compose', '-p', project, '-f', file, 'up', '-d'] });
    expect(exitOf(result)).toEqual({ t: 'exit', code: 0, recreated: [], created: ['a', 'b'] });
    const containers = await projectContainers(project);
    expect([...containers.keys()].sort()).toEqual(['a', 'b']);
    expect([...containers.values()].every((c) => c.State === 'running')).toBe(true);
  });

  it('restarts one service only', async () => {
    const before = await projectContainers(project);
    const started = async (service: string) => (await testDocker.getContainer(before.get(service)!.Id).inspect()).State.StartedAt;
    const [aBefore, bBefore] = [await started('a'), await started('b')];
    const result = await runToEnd(compose, { program: 'docker-compose', stack, run: { action: 'restart', services: ['a'] } });
    expect(exitOf(result)?.code).toBe(0);
    expect(await started('a')).not.toBe(aBefore);
    expect(await started('b')).toBe(bBefore);
  });

  it('puts an invalid file at its line: YAML syntax from the parser, a Compose error at the key it names', async () => {
    const syntax = await compose.check('docker-compose', stack, file, 'services:\n  a:\n    image: x\n   command: [\n');
    expect(syntax[0]).toMatchObject({ source: 'yaml', line: 4 });
    const bad = stackFile('["sleep", "1"]').replace(
      '    stop_signal: SIGKILL\n',
      '    stop_signal: SIGKILL\n    restart_policy: sometimes\n',
    );
    const problems = await compose.check('docker-compose', stack, file, bad);
    expect(problems).toEqual([{ message: expect.stringContaining("'restart_policy'"), line: 7, source: 'compose' }]);
    expect(await compose.check('docker-compose', stack, file, stackFile('["sleep", "1"]'))).toEqual([]);
  });

  it('an edited command, saved and brought up, recreates only that service', async () => {
    const read = await compose.readFile(file);
    const edited = stackFile('["sh", "-c", "echo a-edited; sleep 3601"]');
    const saved = await compose.saveFile(file, edited, read.hash);
    expect(await readFile(file, 'utf8')).toBe(edited);
    await expect(compose.saveFile(file, 'services: {}\n', read.hash)).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(saved.hash).not.toBe(read.hash);
    const result = await runToEnd(compose, { program: 'docker-compose', stack, run: { action: 'up' } });
    expect(exitOf(result)).toEqual({ t: 'exit', code: 0, recreated: ['a'], created: [] });
    expect(outputOf(result)).toMatch(/Recreating .*_a_1/);
  });

  it('down -v removes the containers and the volume', async () => {
    expect((await testDocker.getVolume(`${project}_data`).inspect()).Name).toBe(`${project}_data`);
    const result = await runToEnd(compose, { program: 'docker-compose', stack, run: { action: 'down', volumes: true } });
    expect(exitOf(result)?.code).toBe(0);
    expect((await projectContainers(project)).size).toBe(0);
    await expect(testDocker.getVolume(`${project}_data`).inspect()).rejects.toMatchObject({ statusCode: 404 });
  });

  it('a run the client cancels stops the program and sends no exit', async () => {
    const messages: StackRunMessage[] = [];
    let ended = false;
    const cancel = compose.run(
      { program: 'docker-compose', stack, run: { action: 'up' } },
      { send: (m) => (messages.push(m), true), end: () => void (ended = true) },
      'client-2',
    );
    await waitFor(() => (compose.runningPrograms > 0 ? true : undefined), 'the program to start');
    cancel();
    await waitFor(() => (compose.runningPrograms === 0 ? true : undefined), 'the program to end');
    expect(ended).toBe(false);
    expect(messages.some((m) => m.t === 'exit')).toBe(false);
    // Whatever it managed to start is taken down again by afterAll's down -v.
  });

  it('with no Compose program, says how to install one and refuses runs clearly', async () => {
    const none = new ComposeService(connection, { candidates: [] });
    const info = await none.info();
    expect(info.program).toBeNull();
    expect(info.missing).toMatch(/apt-get install docker-compose/);
    const result = await runToEnd(none, { program: 'docker-compose', stack, run: { action: 'up' } });
    expect(result.error).toMatchObject({ code: 'NOT_FOUND' });
  });
});
