import { describe, expect, it, vi } from 'vitest';
import { callNames, streamNames } from '../../../shared/contract.js';
import type { RpcErrorPayload } from '../../../shared/errors.js';
import { ipcChannels } from '../../../shared/wire.js';
import { registerIpcHandlers } from '../../server/rpc/ipc-adapter.js';
import { createRouter } from '../../server/rpc/router.js';
import { createFakeHandlerTable } from '../../test-support/fake-handler-table.js';
import { FakeIpcMain, FakeIpcRenderer, FakeSender } from '../../test-support/fake-ipc.js';
import { createBridgeApi, type IpcRendererLike } from './bridge-api.js';

const appUrl = 'app://berth/index.html';

/** Main (adapter + router + fake handlers) and one page (bridge over a fake ipcRenderer), wired in memory. */
function wire(frameUrl = appUrl): { main: FakeIpcMain; renderer: FakeIpcRenderer; table: ReturnType<typeof createFakeHandlerTable> } {
  const main = new FakeIpcMain();
  const table = createFakeHandlerTable();
  registerIpcHandlers(main, createRouter(table), { isTrustedSender: (url) => url === appUrl });
  const renderer = new FakeIpcRenderer(main, new FakeSender(1), frameUrl);
  return { main, renderer, table };
}

/** An ipcRenderer that only records, for checks that need no main side. */
function recordingIpc(): IpcRendererLike & { invoked: string[]; sent: Array<{ channel: string; payload: unknown }> } {
  const invoked: string[] = [];
  const sent: Array<{ channel: string; payload: unknown }> = [];
  return {
    invoked,
    sent,
    invoke: async (channel) => (invoked.push(channel), { ok: true, value: null }),
    send: (channel, payload) => void sent.push({ channel, payload }),
    on: () => undefined,
  };
}

describe('main and preload register every contract entry', () => {
  it('the preload api reaches a main handler for every call in the contract', async () => {
    const { renderer, main } = wire();
    const api = createBridgeApi(renderer);
    expect(callNames.length).toBeGreaterThan(0);
    for (const name of callNames) {
      expect(main.handlers.has(ipcChannels.call(name)), `main handles ${name}`).toBe(true);
      // Any input: reaching the router shows as a contract answer, never "No handler registered".
      const result = await api.call(name, { probe: true });
      if (!result.ok) expect(['BAD_REQUEST'], `${name}: ${result.error.message}`).toContain(result.error.code);
    }
  });

  it('the preload api reaches a main listener for every stream in the contract', () => {
    const { renderer, main } = wire();
    const api = createBridgeApi(renderer);
    expect(streamNames.length).toBeGreaterThan(0);
    for (const name of streamNames) {
      expect(main.listenerCount(ipcChannels.subscribe(name)), `main listens for ${name}`).toBe(1);
      const onEnd = vi.fn();
      api.subscribe(name, { probe: true }, () => {}, onEnd);
      // The strict input schemas refuse { probe: true }: the refusal proves the message got to the router.
      expect(onEnd, name).toHaveBeenCalledWith(expect.objectContaining({ code: 'BAD_REQUEST' }));
    }
  });

  it('sends every call and stream on its own channel', async () => {
    const ipc = recordingIpc();
    const api = createBridgeApi(ipc);
    for (const name of callNames) await api.call(name, {});
    for (const name of streamNames)
      api.subscribe(
        name,
        {},
        () => {},
        () => {},
      );
    expect(ipc.invoked).toEqual(callNames.map(ipcChannels.call));
    expect(ipc.sent.map((s) => s.channel)).toEqual(streamNames.map(ipcChannels.subscribe));
  });
});

describe('createBridgeApi', () => {
  it('round-trips a call and a stream through the main side', async () => {
    const { renderer, table } = wire();
    const api = createBridgeApi(renderer);
    expect(await api.call('containers.list', {})).toEqual({ ok: true, value: [] });

    const messages: unknown[] = [];
    const unsubscribe = api.subscribe(
      'engine.events',
      {},
      (m) => messages.push(m),
      () => {},
    );
    table.emitEvent({ type: 'image', action: 'pull', id: 'alpine', timeNano: 2 });
    expect(messages).toEqual([{ type: 'image', action: 'pull', id: 'alpine', timeNano: 2 }]);
    unsubscribe();
    expect(table.openStreams.get('engine.events')).toBe(0);
    unsubscribe(); // idempotent
  });

  it('keeps streams apart by id and ends each once', () => {
    const { renderer } = wire();
    const api = createBridgeApi(renderer);
    const a: unknown[] = [];
    const ends: Array<RpcErrorPayload | undefined> = [];
    api.subscribe(
      'engine.status',
      {},
      (m) => a.push(m),
      () => {},
    );
    api.subscribe(
      'terminal.output',
      { sessionId: 'exits-at-once' },
      () => {},
      (e) => ends.push(e),
    );
    expect(a).toHaveLength(1);
    expect(ends).toEqual([undefined]);
  });

  it('gets FORBIDDEN when the page is not the app page', async () => {
    const { renderer } = wire('https://evil.example/');
    const api = createBridgeApi(renderer);
    expect(await api.call('containers.list', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const onEnd = vi.fn();
    api.subscribe('engine.events', {}, () => {}, onEnd);
    expect(onEnd).toHaveBeenCalledWith(expect.objectContaining({ code: 'FORBIDDEN' }));
  });

  it('refuses names outside the contract without touching IPC', async () => {
    const ipc = recordingIpc();
    const api = createBridgeApi(ipc);
    expect(await api.call('shell.exec', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CALL' } });
    const onEnd = vi.fn();
    api.subscribe('../../berth:unsub', {}, () => {}, onEnd);
    await Promise.resolve();
    expect(onEnd).toHaveBeenCalledWith(expect.objectContaining({ code: 'UNKNOWN_CALL' }));
    expect(ipc.invoked).toEqual([]);
    expect(ipc.sent).toEqual([]);
  });

  it('turns a rejected invoke and a malformed reply into INTERNAL results', async () => {
    const rejecting: IpcRendererLike = {
      invoke: () => Promise.reject(new Error('No handler registered')),
      send: () => {},
      on: () => undefined,
    };
    expect(await createBridgeApi(rejecting).call('containers.list', {})).toMatchObject({
      ok: false,
      error: { code: 'INTERNAL', message: 'No handler registered' },
    });
    const garbled: IpcRendererLike = { invoke: async () => 'nonsense', send: () => {}, on: () => undefined };
    expect(await createBridgeApi(garbled).call('containers.list', {})).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });
});
