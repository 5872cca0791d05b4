import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StackRef, StackRunInput, StackRunMessage } from '../../../shared/compose-types.js';
import { BerthError } from '../../../shared/errors.js';
import { EngineConnection } from '../engine-connection.js';
import { fixtureImage, fixtureLabel, testDocker } from '../../test-support/engine-fixtures.js';
import { ComposeService } from './compose-service.js';

/** One service as the run form's Compose export writes it (on no network: tests use no bridge network). */
const exported = (name: string) => `services:
  ${name}:
    image: ${fixtureImage}
    container_name: ${name}
    command: ["sh", "-c", "echo created-from-the-form; sleep 3600"]
    network_mode: none
    stop_signal: SIGKILL
    labels: ["${fixtureLabel}=true"]
`;

function runToEnd(compose: ComposeService, input: StackRunInput): Promise<{ messages: StackRunMessage[]; error?: unknown }> {
  return new Promise((resolve) => {
    const messages: StackRunMessage[] = [];
    compose.run(input, { send: (m) => (messages.push(m), true), end: (error) => resolve({ messages, error }) }, 'client-new');
  });
}

describe('a new stack from a Compose text, through the real docker-compose', () => {
  const suffix = `${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  const project = `berth-newstk-${suffix}`;
  const service = `berth-newstk-svc-${suffix}`;
  const connection = new EngineConnection({ id: 'local' });
  const compose = new ComposeService(connection);
  const folders: string[] = [];
  let stack: StackRef | undefined;

  beforeAll(() => connection.connect());

  afterAll(async () => {
    if (stack) await runToEnd(compose, { program: 'docker-compose', stack, run: { action: 'down' } });
    await compose.closeAll();
    connection.close();
    for (const f of folders) await rm(f, { recursive: true, force: true });
  });

  it('writes compose.yaml in a new folder, opens it unstarted, brings it up and down', async () => {
    const base = await mkdtemp(join(tmpdir(), 'berth-newstk-'));
    folders.push(base);
    const folder = join(base, 'robot', 'driver');
    const created = await compose.create('docker-compose', folder, project, exported(service));
    stack = created.stack;
    expect(created.stack).toMatchObject({ project, files: [join(folder, 'compose.yaml')] });
    expect(await readFile(join(folder, 'compose.yaml'), 'utf8')).toBe(exported(service));
    expect(created.description.problem).toBeUndefined();
    expect(created.description.services.map((s) => s.name)).toEqual([service]);
    expect(compose.opened().map((s) => s.project)).toContain(project);
    // Opened, not started.
    const before = await testDocker.listContainers({ all: true, filters: { label: [`com.docker.compose.project=${project}`] } });
    expect(before).toHaveLength(0);

    const up = await runToEnd(compose, { program: 'docker-compose', stack: created.stack, run: { action: 'up' } });
    expect(up.error).toBeUndefined();
    expect(up.messages.find((m) => m.t === 'exit')).toMatchObject({ code: 0, created: [service] });
    const running = await testDocker.getContainer(service).inspect();
    expect(running.State.Running).toBe(true);
    expect(running.HostConfig.NetworkMode).toBe('none');

    const down = await runToEnd(compose, { program: 'docker-compose', stack: created.stack, run: { action: 'down' } });
    expect(down.error).toBeUndefined();
    const after = await testDocker.listContainers({ all: true, filters: { label: [`com.docker.compose.project=${project}`] } });
    expect(after).toHaveLength(0);
  });

  it('refuses a folder that already holds a Compose file, writing nothing', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'berth-newstk-'));
    folders.push(folder);
    const theirs = 'services:\n  theirs:\n    image: busybox\n';
    await writeFile(join(folder, 'docker-compose.yml'), theirs);
    const refused = compose.create('docker-compose', folder, `${project}-b`, exported(`${service}-b`));
    await expect(refused).rejects.toBeInstanceOf(BerthError);
    await expect(refused).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await readFile(join(folder, 'docker-compose.yml'), 'utf8')).toBe(theirs);
    await expect(readFile(join(folder, 'compose.yaml'), 'utf8')).rejects.toMatchObject({ code: 'ENOENT' });
    expect(compose.opened().map((s) => s.project)).not.toContain(`${project}-b`);
  });
});
