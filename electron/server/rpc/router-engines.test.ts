import { describe, expect, it } from 'vitest';
import { createFakeHandlerTable } from '../../test-support/fake-handler-table.js';
import { FakeIpcMain, FakeSender } from '../../test-support/fake-ipc.js';
import { ipcChannels, type StreamEvent } from '../../../shared/wire.js';
import type { AppHandlerTable, HandlerTable, RequestContext, RouterHandlers } from './handler-types.js';
import { registerIpcHandlers } from './ipc-adapter.js';
import { createRouter, type TransportSink } from './router.js';
import { createClientSession } from './client-session.js';

const ctx: RequestContext = { clientId: 'client-1', transport: 'ws' };

function sink(): TransportSink & { messages: unknown[]; ended: unknown[] } {
  const messages: unknown[] = [];
  const ended: unknown[] = [];
  return { messages, ended, send: (m) => (messages.push(m), true), end: (e) => void ended.push(e ?? 'clean') };
}

/** Two engines, each a fake table that answers containers.list with its own name, and an app table. */
function twoEngines(): { handlers: RouterHandlers; tables: Record<string, HandlerTable>; disposed: string[] } {
  const tables: Record<string, HandlerTable> = {};
  for (const id of ['local', 'robot1']) {
    const table = createFakeHandlerTable();
    tables[id] = { ...table, calls: { ...table.calls, 'containers.list': async () => [{ id } as never] } };
  }
  const disposed: string[] = [];
  const app = {
    calls: { 'engines.list': async () => ({ defaultId: 'local', engines: [] }) },
    streams: {
      'engines.fleet': (_i: unknown, s: { send(m: unknown): boolean }) => (s.send({ defaultId: 'local', engines: [] }), () => {}),
    },
  } as unknown as AppHandlerTable;
  return {
    tables,
    disposed,
    handlers: {
      app,
      engine: (id) => tables[id],
      engineProblem: (id) => (id === 'refused1' ? 'plain tcp:// off loopback is refused' : undefined),
      engineIds: () => Object.keys(tables),
      disposeClient: (clientId) => void disposed.push(clientId),
    },
  };
}

describe('the engine in the envelope', () => {
  it('runs each call on the table of the engine it names, the default engine when it names none', async () => {
    const router = createRouter(twoEngines().handlers);
    expect(await router.call('containers.list', {}, ctx, 'robot1')).toEqual({ ok: true, value: [{ id: 'robot1' }] });
    expect(await router.call('containers.list', {}, ctx, 'local')).toEqual({ ok: true, value: [{ id: 'local' }] });
    expect(await router.call('containers.list', {}, ctx)).toEqual({ ok: true, value: [{ id: 'local' }] });
  });

  it('refuses an engine Berth does not have with a clear error that names the known ones', async () => {
    const result = await createRouter(twoEngines().handlers).call('containers.list', {}, ctx, 'robot9');
    expect(result).toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: expect.stringMatching(/no engine "robot9".*known engines: local, robot1/) },
    });
    const stream = createRouter(twoEngines().handlers).subscribe('engine.events', {}, sink(), ctx, 'robot9');
    expect(stream).toEqual({ error: expect.objectContaining({ code: 'NOT_FOUND' }) });
  });

  it('refuses an engine id that is not one, and says why a refused engine cannot serve', async () => {
    const router = createRouter(twoEngines().handlers);
    expect(await router.call('containers.list', {}, ctx, '../etc')).toEqual({
      ok: false,
      error: expect.objectContaining({ code: 'BAD_REQUEST' }),
    });
    expect(await router.call('containers.list', {}, ctx, 42)).toEqual({
      ok: false,
      error: expect.objectContaining({ code: 'BAD_REQUEST' }),
    });
    expect(await router.call('containers.list', {}, ctx, 'refused1')).toEqual({
      ok: false,
      error: { code: 'ENGINE_UNAVAILABLE', message: 'Engine "refused1": plain tcp:// off loopback is refused' },
    });
  });

  it('serves the engines.* entries from the app whatever engine the envelope names', async () => {
    const router = createRouter(twoEngines().handlers);
    expect(await router.call('engines.list', {}, ctx, 'robot9')).toEqual({ ok: true, value: { defaultId: 'local', engines: [] } });
    const out = sink();
    expect('close' in router.subscribe('engines.fleet', {}, out, ctx)).toBe(true);
    expect(out.messages).toEqual([{ defaultId: 'local', engines: [] }]);
  });

  it('without an engine registry (one table), engines.* are refused as not served', async () => {
    const result = await createRouter(createFakeHandlerTable()).call('engines.list', {}, ctx);
    expect(result).toEqual({
      ok: false,
      error: expect.objectContaining({ code: 'UNKNOWN_CALL', message: expect.stringMatching(/not served here/) }),
    });
  });

  it('a client that leaves is freed on every engine through the registry', () => {
    const engines = twoEngines();
    createRouter(engines.handlers).disposeClient('client-7');
    expect(engines.disposed).toEqual(['client-7']);
  });

  it('a client session passes the engine of calls and subscriptions on', async () => {
    const router = createRouter(twoEngines().handlers);
    const events: unknown[] = [];
    const session = createClientSession({ router, ctx, deliver: (e) => (events.push(e), true), logPrefix: '[test]' });
    expect(await session.call('containers.list', {}, 'robot1')).toEqual({ ok: true, value: [{ id: 'robot1' }] });
    session.subscribe(1, 'engine.events', {}, 'robot9');
    expect(events).toEqual([{ t: 'end', id: 1, error: expect.objectContaining({ code: 'NOT_FOUND' }) }]);
  });

  it('over IPC, the engine travels beside the input of calls and in the subscription payload', async () => {
    const main = new FakeIpcMain();
    const appUrl = 'app://berth/index.html';
    registerIpcHandlers(main, createRouter(twoEngines().handlers), { isTrustedSender: (url) => url === appUrl });
    const sender = new FakeSender(5);
    const event = { sender, senderFrame: { url: appUrl } };
    expect(await main.invoke(event, ipcChannels.call('containers.list'), {}, 'robot1')).toEqual({ ok: true, value: [{ id: 'robot1' }] });
    expect(await main.invoke(event, ipcChannels.call('containers.list'), {})).toEqual({ ok: true, value: [{ id: 'local' }] });
    main.emit(event, ipcChannels.subscribe('engine.events'), { id: 3, input: {}, engine: 'robot9' });
    const ends = sender.sent.filter((s) => s.channel === ipcChannels.streamEvent).map((s) => s.args[0] as StreamEvent);
    expect(ends).toEqual([{ t: 'end', id: 3, error: expect.objectContaining({ code: 'NOT_FOUND' }) }]);
  });
});
