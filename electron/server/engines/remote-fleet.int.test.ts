import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Fleet } from '../../../shared/engines-contract.js';
import { EngineConnection } from '../../engine/engine-connection.js';
import { findDockerContexts } from '../../engine/endpoints/docker-contexts.js';
import { waitFor } from '../../test-support/engine-fixtures.js';
import {
  fingerprintOf,
  loadEngineFixtures,
  targetSshConfig,
  type SshFixtures,
  type TlsFixtures,
} from '../../test-support/remote-engines.js';
import { createEngineServices } from '../engine-services.js';
import { createHandlers } from '../handlers/create-handlers.js';
import type { RequestContext } from '../rpc/handler-types.js';
import { createRouter } from '../rpc/router.js';
import { EngineRegistry } from './engine-registry.js';
import { createEnginesHandlers } from './engines-handlers.js';

// The fleet over the real remote engines scripts/setup-test-env.sh starts: the TLS engine as a
// docker CLI context and as an engine added in Berth, and the SSH engine with an unknown host key.
const fixtures = loadEngineFixtures();
const ssh = 'missing' in fixtures || 'skipped' in fixtures.ssh ? undefined : fixtures.ssh;
const tls = 'missing' in fixtures || 'skipped' in fixtures.tls ? undefined : fixtures.tls;
const skipReason =
  'missing' in fixtures ? fixtures.missing : [ssh ? '' : 'no SSH engine', tls ? '' : 'no TLS engine'].filter(Boolean).join(', ');

const ctx: RequestContext = { clientId: 'remote-fleet', transport: 'ws' };
const dirs: string[] = [];
const registries: EngineRegistry[] = [];
afterEach(async () => {
  await Promise.all(registries.splice(0).map((r) => r.close()));
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A registry (and router) whose SSH engines read `sshConfigFile`, saving to a fresh file. */
function served(options: { sshConfigFile?: string; dockerConfig?: string } = {}) {
  const dir = mkdtempSync(path.join(tmpdir(), 'berth-h7-remote-'));
  dirs.push(dir);
  const registry = new EngineRegistry({
    savedEnginesFile: path.join(dir, 'engines.json'),
    ...(options.dockerConfig ? { listContexts: () => findDockerContexts({ DOCKER_CONFIG: options.dockerConfig }) } : {}),
    builders: {
      connect: (spec) =>
        new EngineConnection({ id: spec.id, spec, ...(options.sshConfigFile ? { sshConfigFile: options.sshConfigFile } : {}) }),
      services: (connection) => createEngineServices(connection),
      handlers: (services) => createHandlers(services, { allowHostShellOverWeb: false }),
    },
  });
  registries.push(registry);
  const router = createRouter({
    app: createEnginesHandlers(registry),
    engine: (id) => registry.engine(id),
    engineIds: () => registry.engineIds(),
    disposeClient: (id) => registry.disposeClient(id),
  });
  return { registry, router };
}

const entry = (fleet: Fleet, id: string) => fleet.engines.find((e) => e.spec.id === id);

describe.skipIf(!ssh || !tls)(`the fleet over remote engines${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  it('a docker CLI context for the TLS engine is served, and the same engine added by its TLS folder answers calls with its facts', async () => {
    const t = tls as TlsFixtures;
    const { registry, router } = served({ dockerConfig: t.dockerConfig });
    await registry.start();
    const contextId = `ctx-${t.context}`;
    await waitFor(() => (entry(registry.fleet(), contextId)?.state === 'connected' ? true : undefined), 'the context engine', 30_000);
    expect(entry(registry.fleet(), contextId)?.spec).toMatchObject({ source: 'context', contextName: t.context, host: t.host });

    const added = await router.call('engines.add', { name: 'tls robot', host: t.host, tls: { certPath: t.certPath, verify: true } }, ctx);
    expect(added).toMatchObject({ ok: true, value: { id: 'tls-robot', source: 'saved' } });
    await waitFor(() => entry(registry.fleet(), 'tls-robot')?.facts.containersTotal, 'docker info of the TLS engine', 30_000);
    const facts = entry(registry.fleet(), 'tls-robot')?.facts;
    expect(facts).toMatchObject({ cpus: expect.any(Number), memoryBytes: expect.any(Number), apiVersion: expect.any(String) });
    const listed = await router.call('images.list', {}, ctx, 'tls-robot');
    expect(listed.ok).toBe(true);
  });

  it('an SSH engine with an unknown host key is refused with its fingerprint until accepted through engines.acceptHostKey', async () => {
    const s = ssh as SshFixtures;
    const dir = mkdtempSync(path.join(tmpdir(), 'berth-h7-ssh-'));
    dirs.push(dir);
    const { config, knownHosts } = targetSshConfig(s, dir, 'robot');
    const fingerprint = fingerprintOf(s.targetHostKey);
    const { registry, router } = served({ sshConfigFile: config });
    await registry.start();
    expect(await router.call('engines.add', { name: 'robot', host: 'ssh://robot' }, ctx)).toMatchObject({ ok: true });

    await waitFor(() => (entry(registry.fleet(), 'robot')?.state === 'refused' ? true : undefined), 'the refusal', 30_000);
    expect(entry(registry.fleet(), 'robot')).toMatchObject({ state: 'refused', unknownHostKey: { fingerprint, keyType: 'ssh-ed25519' } });
    expect(readFileSync(knownHosts, 'utf8')).toBe('');

    const wrong = await router.call('engines.acceptHostKey', { id: 'robot', fingerprint: 'SHA256:not-the-one' }, ctx);
    expect(wrong).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(readFileSync(knownHosts, 'utf8')).toBe('');

    expect(await router.call('engines.acceptHostKey', { id: 'robot', fingerprint }, ctx)).toEqual({ ok: true, value: null });
    await waitFor(() => (entry(registry.fleet(), 'robot')?.state === 'connected' ? true : undefined), 'connected over SSH', 30_000);
    expect(readFileSync(knownHosts, 'utf8')).toContain('ssh-ed25519');
  });
});
