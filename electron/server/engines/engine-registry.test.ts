import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EngineSpec } from '../../../shared/engine-spec.js';
import { EngineConnection } from '../../engine/engine-connection.js';
import { createFakeHandlerTable } from '../../test-support/fake-handler-table.js';
import { createEngineServices } from '../engine-services.js';
import type { Fleet } from '../../../shared/engines-contract.js';
import { EngineRegistry, savedEngineId, type EngineRegistryOptions } from './engine-registry.js';
import { PassphrasePrompts } from './passphrase-prompts.js';

// No engine answers at this socket: connections fail at once (ENOENT) and retry only after a minute.
const nowhere = 'unix:///tmp/berth-h7-registry-nowhere.sock';

let dir: string;
let file: string;
const registries: EngineRegistry[] = [];

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'berth-h7-registry-'));
  file = path.join(dir, 'config', 'engines.json');
});

afterEach(async () => {
  await Promise.all(registries.splice(0).map((r) => r.close()));
  rmSync(dir, { recursive: true, force: true });
});

function registry(extra: Partial<EngineRegistryOptions> = {}): EngineRegistry {
  const r = new EngineRegistry({
    defaultEngine: { host: nowhere, source: 'local' },
    savedEnginesFile: file,
    builders: {
      // Every engine dials nowhere: these tests are about the registry, not the engines.
      connect: (spec) => new EngineConnection({ id: spec.id, dockerHost: nowhere, retryDelaysMs: [60_000] }),
      services: (connection) => createEngineServices(connection),
      handlers: () => createFakeHandlerTable(),
    },
    ...extra,
  });
  registries.push(r);
  return r;
}

const saved = (id: string, host: string): EngineSpec => ({ id, name: id, host, source: 'saved' });
/** What findDockerContexts would answer. */
const found =
  (specs: EngineSpec[], current?: string, problems: string[] = []): EngineRegistryOptions['listContexts'] =>
  async () => ({ specs, problems, current });
const context = (name: string, host: string): EngineSpec => ({ id: `ctx-${name}`, name, host, source: 'context', contextName: name });
const fileEngines = (): unknown => (JSON.parse(readFileSync(file, 'utf8')) as { engines: unknown }).engines;

describe('the engine registry', () => {
  it('serves the default engine, the CLI contexts (not one for an engine it already has) and the saved engines', async () => {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify({ version: 1, engines: [saved('robot1', 'ssh://robot@10.0.0.5')] }));
    const contexts: EngineSpec[] = [
      { id: 'ctx-default-copy', name: 'default-copy', host: nowhere, source: 'context', contextName: 'default-copy' },
      { id: 'ctx-sim', name: 'sim', host: 'tcp://127.0.0.1:1', source: 'context', contextName: 'sim' },
    ];
    const r = registry({ listContexts: found(contexts) });
    await r.start();
    expect(r.engineIds()).toEqual(['local', 'ctx-sim', 'robot1']);
    const fleet = r.fleet();
    expect(fleet.defaultId).toBe('local');
    expect(fleet.engines.map((e) => [e.spec.id, e.spec.source, e.removable])).toEqual([
      ['local', 'local', false],
      ['ctx-sim', 'context', false],
      ['robot1', 'saved', true],
    ]);
    expect(r.engine('robot1')).toBeDefined();
    expect(r.engine('robot9')).toBeUndefined();
  });

  it('with DOCKER_HOST elsewhere, this machine’s socket is served too (when it exists)', async () => {
    const socketFile = path.join(dir, 'docker.sock');
    writeFileSync(socketFile, '');
    const withSocket = registry({ defaultEngine: { host: 'tcp://127.0.0.1:1', source: 'env' }, localSocket: `unix://${socketFile}` });
    await withSocket.start();
    expect(withSocket.fleet().engines.map((e) => [e.spec.id, e.spec.name, e.spec.host])).toEqual([
      ['local', 'DOCKER_HOST', 'tcp://127.0.0.1:1'],
      ['socket', 'This machine', `unix://${socketFile}`],
    ]);
    const without = registry({
      defaultEngine: { host: 'tcp://127.0.0.1:1', source: 'env' },
      localSocket: 'unix:///tmp/berth-h7-no-such.sock',
    });
    await without.start();
    expect(without.engineIds()).toEqual(['local']);
  });

  it('an engine that is gone shows as reconnecting, with the time of its next try and the reason', async () => {
    const r = registry();
    const before = Date.now();
    await r.start();
    await Promise.resolve();
    const local = r.fleet().engines[0];
    expect(local?.state).toBe('reconnecting');
    expect(local?.reason).toMatch(/No Docker Engine socket/);
    expect(local?.nextTryAt).toBeGreaterThanOrEqual(before + 60_000);
  });

  it('adds an engine: checked, saved to the file (no secrets, only the spec), served and connecting', async () => {
    const r = registry();
    await r.start();
    const fleets: unknown[] = [];
    r.onFleet((f) => fleets.push(f));
    const spec = await r.add({ name: 'Robot 1', host: 'tcp://127.0.0.1:1' });
    expect(spec).toEqual({ id: 'robot-1', name: 'Robot 1', host: 'tcp://127.0.0.1:1', source: 'saved' });
    expect(fileEngines()).toEqual([spec]);
    expect(r.engine('robot-1')).toBeDefined();
    await vi.waitFor(() => expect(fleets.length).toBeGreaterThan(0));
    // Saved engines come back after a restart.
    const again = registry();
    await again.start();
    expect(again.engineIds()).toContain('robot-1');
  });

  it('refuses plain tcp off loopback, a password in the address, a duplicate, and a TLS folder without its files; the file is untouched', async () => {
    const r = registry();
    await r.start();
    await expect(r.add({ name: 'lan', host: 'tcp://192.168.1.20:2375' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringMatching(/off loopback/),
    });
    await expect(r.add({ name: 'pw', host: 'ssh://me:secret@robot' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(r.add({ name: 'again', host: nowhere })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/already has this engine/),
    });
    const certs = path.join(dir, 'certs');
    mkdirSync(certs);
    writeFileSync(path.join(certs, 'ca.pem'), 'x');
    await expect(r.add({ name: 'tls', host: 'tcp://10.0.0.5:2376', tls: { certPath: certs, verify: true } })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringMatching(/no readable cert\.pem/),
    });
    expect(() => readFileSync(file)).toThrow(/ENOENT/);
    expect(r.engineIds()).toEqual(['local']);
  });

  it('removes a saved engine: forgotten in the file, its services closed, calls to it refused', async () => {
    const r = registry();
    await r.start();
    const a = await r.add({ name: 'a', host: 'tcp://127.0.0.1:1' });
    const b = await r.add({ name: 'b', host: 'tcp://127.0.0.1:2' });
    const services = r.services(a.id);
    const close = vi.spyOn(services!, 'close');
    await r.remove(a.id);
    expect(close).toHaveBeenCalledOnce();
    expect(fileEngines()).toEqual([b]);
    expect(r.engine(a.id)).toBeUndefined();
  });

  it('opens on the docker CLI’s current context, unless DOCKER_HOST overrides it; says what it could not read', async () => {
    const robot = context('robot1', 'tcp://127.0.0.1:2');
    const following = registry({ listContexts: found([context('sim', 'tcp://127.0.0.1:1'), robot], 'robot1') });
    await following.start();
    expect(following.fleet()).toMatchObject({ defaultId: 'local', cliContextId: 'ctx-robot1' });
    expect(following.fleet().contextProblems).toBeUndefined();

    // A current context for the engine Berth already serves: that engine.
    const sameAsLocal = registry({ listContexts: found([context('here', nowhere)], 'here') });
    await sameAsLocal.start();
    expect(sameAsLocal.fleet().cliContextId).toBe('local');

    const overridden = registry({ defaultEngine: { host: nowhere, source: 'env' }, listContexts: found([robot], 'robot1') });
    await overridden.start();
    expect(overridden.fleet().cliContextId).toBeUndefined();

    const unreadable = registry({ listContexts: found([robot], 'gone', ['/x/contexts/meta/abc/meta.json: not a docker context']) });
    await unreadable.start();
    expect(unreadable.fleet().cliContextId).toBeUndefined();
    expect(unreadable.fleet().contextProblems).toEqual([
      'A docker context could not be read: /x/contexts/meta/abc/meta.json: not a docker context',
      expect.stringMatching(/^The docker CLI's current context "gone" \(DOCKER_CONTEXT or config.json\) is not among its contexts/),
    ]);
  });

  it('does not remove the default engine or a CLI context, and says why', async () => {
    const r = registry({
      listContexts: found([{ id: 'ctx-sim', name: 'sim', host: 'tcp://127.0.0.1:1', source: 'context', contextName: 'sim' }]),
    });
    await r.start();
    await expect(r.remove('local')).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/started with/) });
    await expect(r.remove('ctx-sim')).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/docker context rm/) });
    await expect(r.remove('nope')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('a saved engines file it cannot read is reported and never overwritten', async () => {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, '{"version":1,"engines":[{"id":"Bad Id"}]}');
    const r = registry();
    await r.start();
    expect(r.fleet().savedEnginesProblem).toMatch(/does not hold saved engines.*engines\.0/);
    await expect(r.add({ name: 'x', host: 'tcp://127.0.0.1:1' })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/Not saved/),
    });
    expect(readFileSync(file, 'utf8')).toBe('{"version":1,"engines":[{"id":"Bad Id"}]}');
  });

  it('an engine whose connection Berth refuses to build stays listed as refused with the reason; the others are served', async () => {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify({ version: 1, engines: [saved('robot1', 'ssh://robot@10.0.0.5')] }));
    const r = registry({
      builders: {
        connect: (spec) => {
          if (spec.id === 'robot1') throw new Error('no ssh binary on PATH');
          return new EngineConnection({ id: spec.id, dockerHost: nowhere, retryDelaysMs: [60_000] });
        },
        services: (connection) => createEngineServices(connection),
        handlers: () => createFakeHandlerTable(),
      },
    });
    await r.start();
    expect(r.fleet().engines.find((e) => e.spec.id === 'robot1')).toMatchObject({ state: 'refused', reason: 'no ssh binary on PATH' });
    expect(r.engineProblem('robot1')).toBe('no ssh binary on PATH');
    expect(r.engine('local')).toBeDefined();
  });

  it('an engine that never answers does not hold up the start or the others', async () => {
    // Accepts connections and says nothing, like a robot whose dockerd hangs.
    const silent = net.createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as net.AddressInfo).port;
    try {
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, JSON.stringify({ version: 1, engines: [saved('hung', `tcp://127.0.0.1:${port}`)] }));
      const r = registry({
        builders: {
          connect: (spec) =>
            new EngineConnection({ id: spec.id, ...(spec.id === 'hung' ? { spec } : { dockerHost: nowhere }), retryDelaysMs: [60_000] }),
          services: (connection) => createEngineServices(connection),
          handlers: () => createFakeHandlerTable(),
        },
      });
      await r.start();
      // The default engine's attempt ended (it failed at once); the silent one is still trying.
      expect(r.fleet().engines.map((e) => [e.spec.id, e.state])).toEqual([
        ['local', 'reconnecting'],
        ['hung', 'connecting'],
      ]);
    } finally {
      silent.close();
    }
  });

  it('start-up does not wait on the default engine’s passphrase question, and the fleet says which key it waits for', async () => {
    const prompts = new PassphrasePrompts();
    const r = registry({
      passphrases: prompts,
      builders: {
        connect: (spec) => {
          const connection = new EngineConnection({ id: spec.id, dockerHost: nowhere, retryDelaysMs: [60_000] });
          if (spec.id !== 'local') return connection;
          // The default engine's ssh asks for a key's passphrase and waits for the answer, as the real one does.
          connection.connect = async () => {
            await prompts.ask('local', 'This machine', { keyFile: '/home/me/.ssh/id_robot', destination: 'me@robot:22' });
            return connection.status;
          };
          return connection;
        },
        services: (connection) => createEngineServices(connection),
        handlers: () => createFakeHandlerTable(),
      },
    });
    const fleets: Fleet[] = [];
    r.onFleet((fleet) => fleets.push(fleet));
    // No window can answer before start-up ends: waiting here would never end (the test's timeout).
    await r.start();
    expect(r.fleet().engines[0]?.passphraseWanted).toEqual({ keyFile: '/home/me/.ssh/id_robot' });

    const asked: string[] = [];
    prompts.watch('window-1', (prompt) => asked.push(prompt.promptId));
    prompts.answer('window-1', asked[0] ?? '', 'secret');
    await Promise.resolve();
    expect(r.fleet().engines[0]?.passphraseWanted).toBeUndefined();
    // The change reached the fleet's watchers too.
    expect(fleets.at(-1)?.engines[0]?.passphraseWanted).toBeUndefined();
  });

  it('gives saved engines ids from their names that never clash with discovered ones', () => {
    expect(savedEngineId('Robot 1', new Set())).toBe('robot-1');
    expect(savedEngineId('robot-1', new Set(['robot-1']))).toBe('robot-1-2');
    expect(savedEngineId('local', new Set(['local']))).toBe('saved-local');
    expect(savedEngineId('ctx-sim', new Set())).toBe('saved-ctx-sim');
    expect(savedEngineId('!!!', new Set())).toBe('engine');
  });
});
