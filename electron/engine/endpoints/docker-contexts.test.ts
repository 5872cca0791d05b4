import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { contextEngineId, currentDockerContext, readDockerContexts } from './docker-contexts.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A DOCKER_CONFIG laid out as `docker context create` leaves it. */
function dockerConfig(contexts: Array<{ name: string; host: string; skipVerify?: boolean; tls?: boolean }>, config?: object): string {
  const dir = mkdtempSync(join(tmpdir(), 'berth-contexts-'));
  dirs.push(dir);
  for (const c of contexts) {
    const folder = createHash('sha256').update(c.name).digest('hex');
    mkdirSync(join(dir, 'contexts', 'meta', folder), { recursive: true });
    const meta = {
      Name: c.name,
      Metadata: { Description: '' },
      Endpoints: { docker: { Host: c.host, SkipTLSVerify: c.skipVerify ?? false } },
    };
    writeFileSync(join(dir, 'contexts', 'meta', folder, 'meta.json'), JSON.stringify(meta));
    if (c.tls) {
      mkdirSync(join(dir, 'contexts', 'tls', folder, 'docker'), { recursive: true });
      writeFileSync(join(dir, 'contexts', 'tls', folder, 'docker', 'ca.pem'), 'x');
    }
  }
  if (config) writeFileSync(join(dir, 'config.json'), JSON.stringify(config));
  return dir;
}

describe('docker CLI contexts', () => {
  it('lists each context as an engine, with its TLS folder when it has one', async () => {
    const dir = dockerConfig([
      { name: 'robot1', host: 'ssh://ubuntu@robot1.local' },
      { name: 'lab', host: 'tcp://lab.example:2376', tls: true },
      { name: 'insecure', host: 'tcp://lab.example:2376', tls: true, skipVerify: true },
    ]);
    const specs = (await readDockerContexts({ DOCKER_CONFIG: dir })).specs;
    expect(specs.map((s) => s.name)).toEqual(['insecure', 'lab', 'robot1']);
    const folderOf = (name: string): string => createHash('sha256').update(name).digest('hex');
    expect(specs[1]).toEqual({
      id: 'ctx-lab',
      name: 'lab',
      host: 'tcp://lab.example:2376',
      tls: { certPath: join(dir, 'contexts', 'tls', folderOf('lab'), 'docker'), verify: true },
      source: 'context',
      contextName: 'lab',
    });
    expect(specs[0]?.tls?.verify).toBe(false);
    expect(specs[2]).toEqual({
      id: 'ctx-robot1',
      name: 'robot1',
      host: 'ssh://ubuntu@robot1.local',
      source: 'context',
      contextName: 'robot1',
    });
  });

  it('reports a context folder it cannot read instead of dropping it silently', async () => {
    const dir = dockerConfig([{ name: 'good', host: 'unix:///run/docker.sock' }]);
    mkdirSync(join(dir, 'contexts', 'meta', 'broken'), { recursive: true });
    writeFileSync(join(dir, 'contexts', 'meta', 'broken', 'meta.json'), '{"Name": "x"}');
    const read = await readDockerContexts({ DOCKER_CONFIG: dir });
    expect(read.specs.map((s) => s.name)).toEqual(['good']);
    expect(read.problems).toEqual([
      `${join(dir, 'contexts', 'meta', 'broken', 'meta.json')}: not a docker context (no Name or docker endpoint Host)`,
    ]);
  });

  it('has no contexts where the CLI made none', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'berth-contexts-'));
    dirs.push(dir);
    expect((await readDockerContexts({ DOCKER_CONFIG: dir })).specs).toEqual([]);
  });

  it('gives ids that are safe, and distinct for names that are not', () => {
    expect(contextEngineId('robot1')).toBe('ctx-robot1');
    const odd = contextEngineId('Robot 1');
    expect(odd).toMatch(/^ctx-robot-1-[0-9a-f]{8}$/);
    expect(contextEngineId('robot 1')).not.toBe(odd);
  });

  it('takes the current context from DOCKER_CONTEXT, else config.json; default means none', async () => {
    const dir = dockerConfig([], { currentContext: 'robot1' });
    expect(await currentDockerContext({ DOCKER_CONFIG: dir })).toBe('robot1');
    expect(await currentDockerContext({ DOCKER_CONFIG: dir, DOCKER_CONTEXT: 'lab' })).toBe('lab');
    expect(await currentDockerContext({ DOCKER_CONFIG: dir, DOCKER_CONTEXT: 'default' })).toBeUndefined();
    expect(await currentDockerContext({ DOCKER_CONFIG: dockerConfig([]) })).toBeUndefined();
  });
});
