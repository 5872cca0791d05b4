import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TerminalOutput } from '../../../shared/terminal-types.js';
import { createHandlers } from './create-handlers.js';
import { createEngineServices } from '../engine-services.js';
import type { RequestContext } from '../rpc/handler-types.js';
import { createRouter } from '../rpc/router.js';
import { fixtureImage, fixtureLabel, testDocker, uniqueName, waitFor } from '../../test-support/engine-fixtures.js';
import { EngineConnection } from '../../engine/engine-connection.js';
import { removeContainers, runningExecs, runsIn } from '../../engine/terminal/terminal-test-support.js';

/**
 * The terminal entries of the real handler table behind the real router, against the engine: each
 * call runs as the client the transport says it came from.
 */
describe('terminal calls through the router, per client', () => {
  const connection = new EngineConnection({ id: 'test-terminal-handlers' });
  const engine = createEngineServices(connection);
  const router = createRouter(createHandlers(engine, { allowHostShellOverWeb: false }));
  const owner: RequestContext = { clientId: 'ws-owner', transport: 'ws' };
  const intruder: RequestContext = { clientId: 'ws-intruder', transport: 'ws' };
  const name = uniqueName('term-router');

  beforeAll(async () => {
    await connection.connect();
    const c = await testDocker.createContainer({
      name,
      Image: fixtureImage,
      Cmd: ['sh', '-c', 'while true; do sleep 1; done'],
      Labels: { [fixtureLabel]: 'true' },
      StopSignal: 'SIGKILL',
    });
    await c.start();
  });

  afterAll(async () => {
    await engine.close();
    await removeContainers([name]);
  });

  const open = async (ctx: RequestContext): Promise<string> => {
    const result = await router.call('terminal.open', { containerId: name, shell: 'sh', cols: 80, rows: 24 }, ctx);
    if (!result.ok) throw new Error(result.error.message);
    return (result.value as { sessionId: string }).sessionId;
  };

  it("refuses another client's input, resize, ack, close and output stream with FORBIDDEN", async () => {
    const sessionId = await open(owner);
    const refused = { ok: false, error: { code: 'FORBIDDEN', message: 'This terminal belongs to another window' } };
    expect(await router.call('terminal.input', { sessionId, data: 'touch /tmp/pwned\n' }, intruder)).toEqual(refused);
    expect(await router.call('terminal.resize', { sessionId, cols: 100, rows: 40 }, intruder)).toEqual(refused);
    expect(await router.call('terminal.ack', { sessionId, bytes: 1 << 20 }, intruder)).toEqual(refused);
    expect(await router.call('terminal.close', { sessionId }, intruder)).toEqual(refused);
    const seen: unknown[] = [];
    const subscription = router.subscribe(
      'terminal.output',
      { sessionId },
      { send: (m) => (seen.push(m), true), end: () => undefined },
      intruder,
    );
    expect(subscription).toEqual({ error: refused.error });
    // The owner's session is untouched and still answers its owner only.
    let text = '';
    const decoder = new TextDecoder();
    const mine = router.subscribe(
      'terminal.output',
      { sessionId },
      {
        send: (m) => {
          const message = m as TerminalOutput;
          if (message.kind === 'data') text += decoder.decode(message.data, { stream: true });
          return true;
        },
        end: () => undefined,
      },
      owner,
    );
    expect('close' in mine).toBe(true);
    expect(await router.call('terminal.input', { sessionId, data: 'ls /tmp; echo owner-$((5+5))\n' }, owner)).toEqual({
      ok: true,
      value: null,
    });
    await waitFor(() => (text.includes('owner-10') ? true : undefined), "the owner's shell answers");
    expect(text).not.toContain('pwned');
    expect(seen).toEqual([]);
    expect(await router.call('terminal.close', { sessionId }, owner)).toEqual({ ok: true, value: null });
  });

  it('leaves no exec process behind when the router disposes of a client', async () => {
    const sessionId = await open(owner);
    await router.call('terminal.input', { sessionId, data: 'env -i sleep 31601 & sleep 31602\n' }, owner);
    await waitFor(async () => ((await runsIn(name, 'sleep 31602')) ? true : undefined), 'busy shell');
    const opening = router.call('terminal.open', { containerId: name, shell: 'sh', cols: 80, rows: 24 }, owner);
    router.disposeClient(owner.clientId);
    expect(await opening).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    await waitFor(async () => ((await runningExecs(name)) === 0 ? true : undefined), 'no exec left running', 10_000);
    for (const needle of ['sleep 31601', 'sleep 31602'])
      await waitFor(async () => ((await runsIn(name, needle)) ? undefined : true), `${needle} ended`);
  });
});
