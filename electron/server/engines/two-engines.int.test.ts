import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Fleet } from '../../../shared/engines-contract.js';
import { createFixture, removeFixtures, testDocker, uniqueName, waitFor } from '../../test-support/engine-fixtures.js';
import { TcpEngineProxy } from '../../test-support/tcp-engine-proxy.js';
import { createBerthApp, type BerthApp } from '../create-app.js';
import type { RequestContext } from '../rpc/handler-types.js';
import { createRouter, type Router, type TransportSink } from '../rpc/router.js';

const ctx: RequestContext = { clientId: 'two-engines', transport: 'ws' };

function recorder(): TransportSink & { messages: unknown[] } {
  const messages: unknown[] = [];
  return { messages, send: (m) => (messages.push(m), true), end: () => undefined };
}

type Summary = { name: string; state: string };
const items = (messages: unknown[]): Map<string, Summary> => {
  const held = new Map<string, Summary>();
  for (const m of messages as Array<{ t: string; items?: Summary[]; upsert?: Summary[] }>) {
    if (m.t === 'snapshot') held.clear();
    for (const c of m.items ?? m.upsert ?? []) held.set(c.name, c);
  }
  return held;
};

// Generous waits: on a shared, busy engine (hundreds of containers from other suites) lists lag.
const patient = 60_000;

// The local engine and the same engine again through a loopback TCP proxy this test starts and cuts.
describe('two engines served at once', () => {
  const prefix = 'berth-test-h7two-';
  const name = uniqueName('h7two').replace('berth-test-', prefix);
  let dir: string;
  let proxy: TcpEngineProxy;
  let app: BerthApp;
  let router: Router;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'berth-h7-two-'));
    proxy = new TcpEngineProxy();
    await proxy.start();
    app = await createBerthApp({ savedEnginesFile: path.join(dir, 'engines.json') });
    router = createRouter(app.handlers);
    await (await createFixture(name)).start();
  });

  afterAll(async () => {
    await app?.close();
    await proxy?.stop();
    await removeFixtures(prefix);
    rmSync(dir, { recursive: true, force: true });
  });

  it(
    'each engine answers calls aimed at it; one dropping reconnects on its own while the other keeps working, and it recovers',
    { timeout: 300_000 },
    async () => {
      const added = await router.call('engines.add', { name: 'proxied', host: proxy.host }, ctx);
      expect(added).toEqual({ ok: true, value: { id: 'proxied', name: 'proxied', host: proxy.host, source: 'saved' } });
      const fleets = recorder();
      router.subscribe('engines.fleet', {}, fleets, ctx);
      const last = (): Fleet => fleets.messages[fleets.messages.length - 1] as Fleet;
      const stateOf = (id: string): string | undefined => last().engines.find((e) => e.spec.id === id)?.state;
      await waitFor(() => (stateOf('proxied') === 'connected' ? true : undefined), 'the proxied engine connects', patient);

      // Both reach the same containers, each through its own connection.
      for (const engine of ['local', 'proxied']) {
        const list = await router.call('containers.list', {}, ctx, engine);
        expect(list.ok && (list.value as Summary[]).some((c) => c.name === name), engine).toBe(true);
      }
      await waitFor(
        () => last().engines.find((e) => e.spec.id === 'proxied')?.facts.containersTotal,
        'docker info facts of the proxied engine',
        patient,
      );

      // Each engine's live list follows its own events.
      const localWatch = recorder();
      router.subscribe('containers.watch', {}, localWatch, ctx, 'local');
      await waitFor(() => items(localWatch.messages).get(name), 'the local list', patient);

      await proxy.stop();
      await waitFor(() => (stateOf('proxied') === 'reconnecting' ? true : undefined), 'the proxied engine reconnecting', patient);
      expect(last().engines.find((e) => e.spec.id === 'proxied')?.nextTryAt).toBeGreaterThan(0);
      expect(stateOf('local')).toBe('connected');
      const refused = await router.call('containers.list', {}, ctx, 'proxied');
      expect(refused).toEqual({ ok: false, error: expect.objectContaining({ code: 'ENGINE_UNAVAILABLE' }) });

      // The other engine keeps working: a stop goes through and its list says so.
      expect(await router.call('containers.stop', { id: name }, ctx, 'local')).toEqual({ ok: true, value: null });
      await waitFor(
        () => (items(localWatch.messages).get(name)?.state === 'exited' ? true : undefined),
        'the local list shows the stop',
        patient,
      );

      await proxy.start();
      await waitFor(() => (stateOf('proxied') === 'connected' ? true : undefined), 'the proxied engine back', patient);
      const again = await router.call('containers.start', { id: name }, ctx, 'proxied');
      expect(again).toEqual({ ok: true, value: null });
      expect((await testDocker.getContainer(name).inspect()).State.Running).toBe(true);
    },
  );
});
