import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Fleet } from '../../../shared/engines-contract.js';
import { createFixture, removeFixtures, testDocker, uniqueName, waitFor } from '../../test-support/engine-fixtures.js';
import { requestTimeoutVariable } from '../../engine/engine-request-budgets.js';
import { EngineSocketProxy } from '../../test-support/socket-proxy.js';
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

// The usual robot failure on Wi-Fi: the engine still accepts connections but answers nothing.
describe('a silent engine beside a live one, after both connected', () => {
  const socketPath = `/tmp/berth-h7-silent-${process.pid}.sock`;
  let dir: string;
  let proxy: EngineSocketProxy;
  let app: BerthApp;
  let router: Router;

  const budgetBefore = process.env[requestTimeoutVariable];

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'berth-h7-silent-'));
    proxy = new EngineSocketProxy(socketPath);
    await proxy.start();
    // A 3 s budget for ordinary requests instead of 30 s (each connection reads it when made), so the test is quick.
    process.env[requestTimeoutVariable] = '3';
    app = await createBerthApp({ savedEnginesFile: path.join(dir, 'engines.json') });
    router = createRouter(app.handlers);
  });

  afterAll(async () => {
    if (budgetBefore === undefined) delete process.env[requestTimeoutVariable];
    else process.env[requestTimeoutVariable] = budgetBefore;
    await app?.close();
    await proxy?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it(
    'calls to the silent one time out on their own while the other answers meanwhile, and it comes back',
    { timeout: 120_000 },
    async () => {
      const added = await router.call('engines.add', { name: 'hung', host: `unix://${socketPath}` }, ctx);
      expect(added).toMatchObject({ ok: true, value: { id: 'hung' } });
      const fleets = recorder();
      router.subscribe('engines.fleet', {}, fleets, ctx);
      const stateOf = (id: string): string | undefined =>
        (fleets.messages[fleets.messages.length - 1] as Fleet | undefined)?.engines.find((e) => e.spec.id === id)?.state;
      await waitFor(() => (stateOf('hung') === 'connected' ? true : undefined), 'the hung engine connects', patient);

      proxy.blackHole();
      let hungSettled = false;
      const hung = router.call('containers.list', {}, ctx, 'hung').finally(() => (hungSettled = true));
      // While that call waits on the silent engine, the other engine answers (more than once).
      for (let i = 0; i < 3; i++) {
        const local = await router.call('containers.list', {}, ctx, 'local');
        expect(local.ok).toBe(true);
      }
      expect(hungSettled).toBe(false);
      expect(await hung).toEqual({
        ok: false,
        error: expect.objectContaining({
          code: 'ENGINE_UNAVAILABLE',
          message: expect.stringMatching(/did not answer GET \/containers\/json within 3 s/),
        }),
      });
      await waitFor(() => (stateOf('hung') === 'not-answering' ? true : undefined), 'the fleet says not answering', patient);
      expect(stateOf('local')).toBe('connected');

      proxy.answer();
      await waitFor(() => (stateOf('hung') === 'connected' ? true : undefined), 'the hung engine answers again', patient);
      expect(await router.call('containers.list', {}, ctx, 'hung')).toMatchObject({ ok: true });
    },
  );
});
