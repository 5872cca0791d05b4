import { describe, expect, it } from 'vitest';
import { callNames, streamNames } from '../../../shared/contract.js';
import { ipcChannels, type StreamEvent } from '../../../shared/wire.js';
import { createFakeHandlerTable } from '../../test-support/fake-handler-table.js';
import { FakeIpcMain, FakeSender } from '../../test-support/fake-ipc.js';
import { registerIpcHandlers } from './ipc-adapter.js';
import { createRouter, maxStreamsPerClient } from './router.js';

const appUrl = 'file:///opt/berth/dist/renderer/index.html';
const isTrustedSender = (url: string | undefined): boolean => url === appUrl;

function setup(): { main: FakeIpcMain; table: ReturnType<typeof createFakeHandlerTable>; unregister: () => void } {
  const main = new FakeIpcMain();
  const table = createFakeHandlerTable();
  const unregister = registerIpcHandlers(main, createRouter(table), { isTrustedSender });
  return { main, table, unregister };
}

const trusted = (sender: FakeSender): { sender: FakeSender; senderFrame: { url: string } } => ({ sender, senderFrame: { url: appUrl } });
const streamEvents = (sender: FakeSender): StreamEvent[] =>
  sender.sent.filter((s) => s.channel === ipcChannels.streamEvent).map((s) => s.args[0] as StreamEvent);

describe('registerIpcHandlers', () => {
  it('registers a handler for every call and a listener for every stream of the contract', () => {
    const { main } = setup();
    expect([...main.handlers.keys()].sort()).toEqual(callNames.map(ipcChannels.call).sort());
    for (const name of streamNames) expect(main.listenerCount(ipcChannels.subscribe(name))).toBe(1);
    expect(main.listenerCount(ipcChannels.unsubscribe)).toBe(1);
  });

  it('runs a call with the webContents id as client id', async () => {
    const { main, table } = setup();
    const result = await main.invoke(trusted(new FakeSender(3)), ipcChannels.call('containers.list'), {});
    expect(result).toEqual({ ok: true, value: [] });
    expect(table.callContexts).toEqual([{ clientId: '3', transport: 'ipc' }]);
  });

  it('answers FORBIDDEN to calls from an untrusted, missing or disposed frame, without running the handler', async () => {
    const { main, table } = setup();
    const sender = new FakeSender(1);
    const disposedFrame = {
      get url(): string {
        throw new Error('Render frame was disposed');
      },
    };
    for (const event of [
      { sender, senderFrame: { url: 'https://evil.example/' } },
      { sender, senderFrame: { url: `${appUrl}.evil` } },
      { sender, senderFrame: null },
      { sender, senderFrame: { url: appUrl, parent: { url: appUrl } } },
      { sender },
      { sender, senderFrame: disposedFrame },
    ]) {
      const result = await main.invoke(event, ipcChannels.call('containers.remove'), { id: 'web' });
      expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    expect(table.callContexts).toEqual([]);
  });

  it('ends a stream from an untrusted frame with FORBIDDEN and starts nothing', () => {
    const { main, table } = setup();
    const sender = new FakeSender(1);
    main.emit({ sender, senderFrame: { url: 'https://evil.example/' } }, ipcChannels.subscribe('engine.events'), { id: 5, input: {} });
    expect(streamEvents(sender)).toEqual([{ t: 'end', id: 5, error: expect.objectContaining({ code: 'FORBIDDEN' }) }]);
    expect(table.openStreams.get('engine.events') ?? 0).toBe(0);
  });

  it('streams data to the sender, and unsubscribe closes the stream', () => {
    const { main, table } = setup();
    const sender = new FakeSender(2);
    main.emit(trusted(sender), ipcChannels.subscribe('engine.events'), { id: 1, input: {} });
    expect(table.openStreams.get('engine.events')).toBe(1);
    const event = { type: 'container', action: 'die', id: 'abc', timeNano: 5 };
    expect(table.emitEvent(event)).toEqual([true]);
    expect(streamEvents(sender)).toEqual([{ t: 'data', id: 1, msg: event }]);

    main.emit({ sender, senderFrame: { url: 'https://evil.example/' } }, ipcChannels.unsubscribe, { id: 1 });
    expect(table.openStreams.get('engine.events')).toBe(1);
    main.emit(trusted(sender), ipcChannels.unsubscribe, { id: 1 });
    expect(table.openStreams.get('engine.events')).toBe(0);
  });

  it('ends refused and malformed subscriptions with an error for their id', () => {
    const { main } = setup();
    const sender = new FakeSender(2);
    main.emit(trusted(sender), ipcChannels.subscribe('terminal.output'), { id: 1, input: { sessionId: 'bad' } });
    main.emit(trusted(sender), ipcChannels.subscribe('terminal.output'), { id: 2, input: { sessionId: 'missing-session' } });
    main.emit(trusted(sender), ipcChannels.subscribe('terminal.output'), { id: -4, input: {} });
    main.emit(trusted(sender), ipcChannels.subscribe('terminal.output'), 'garbage');
    expect(streamEvents(sender)).toEqual([
      { t: 'end', id: 1, error: expect.objectContaining({ code: 'BAD_REQUEST' }) },
      { t: 'end', id: 2, error: expect.objectContaining({ code: 'NOT_FOUND' }) },
    ]);
  });

  it('delivers a stream the handler ends at once, and keeps nothing open for it', () => {
    const { main } = setup();
    const sender = new FakeSender(2);
    main.emit(trusted(sender), ipcChannels.subscribe('terminal.output'), { id: 3, input: { sessionId: 'exits-at-once' } });
    expect(streamEvents(sender).map((e) => e.t)).toEqual(['data', 'end']);
  });

  it('closes the streams and disposes the client when the webContents is destroyed', async () => {
    const { main, table } = setup();
    const sender = new FakeSender(7);
    main.emit(trusted(sender), ipcChannels.subscribe('engine.events'), { id: 1, input: {} });
    main.emit(trusted(sender), ipcChannels.subscribe('engine.status'), { id: 2, input: {} });
    sender.destroy();
    expect(table.openStreams.get('engine.events')).toBe(0);
    expect(table.openStreams.get('engine.status')).toBe(0);
    expect(table.disposed).toEqual(['7']);
    expect(table.emitEvent({ type: 'container', action: 'start', id: 'x', timeNano: 1 })).toEqual([]);
    await main.invoke(trusted(new FakeSender(8)), ipcChannels.call('engine.status'), {});
    expect(table.disposed).toEqual(['7']);
  });

  it('frees the page on reload but not on same-document or subframe navigations', () => {
    const { main, table } = setup();
    const sender = new FakeSender(4);
    main.emit(trusted(sender), ipcChannels.subscribe('engine.events'), { id: 1, input: {} });
    sender.navigate({ isMainFrame: true, isSameDocument: true });
    sender.navigate({ isMainFrame: false, isSameDocument: false });
    expect(table.openStreams.get('engine.events')).toBe(1);
    sender.navigate({ isMainFrame: true, isSameDocument: false });
    expect(table.openStreams.get('engine.events')).toBe(0);
    expect(table.disposed).toEqual(['4']);
  });

  it('removes every handler and frees every client when unregistered', () => {
    const { main, table, unregister } = setup();
    const sender = new FakeSender(9);
    main.emit(trusted(sender), ipcChannels.subscribe('engine.events'), { id: 1, input: {} });
    unregister();
    expect(main.handlers.size).toBe(0);
    for (const name of streamNames) expect(main.listenerCount(ipcChannels.subscribe(name))).toBe(0);
    expect(main.listenerCount(ipcChannels.unsubscribe)).toBe(0);
    expect(table.openStreams.get('engine.events')).toBe(0);
    expect(table.disposed).toEqual(['9']);
  });

  it('does not throw when the page is gone while a stream still sends', () => {
    const { main, table } = setup();
    const sender = new FakeSender(5);
    main.emit(trusted(sender), ipcChannels.subscribe('engine.events'), { id: 1, input: {} });
    sender.destroyed = true; // destroyed, but the 'destroyed' event has not run yet
    expect(table.emitEvent({ type: 'container', action: 'start', id: 'x', timeNano: 1 })).toEqual([false]);
  });

  it(`refuses a page's stream beyond ${maxStreamsPerClient} with LIMIT_REACHED (the router's bound), and a reload starts afresh`, () => {
    const { main, table } = setup();
    const sender = new FakeSender(4);
    for (let id = 1; id <= maxStreamsPerClient + 1; id += 1)
      main.emit(trusted(sender), ipcChannels.subscribe('engine.events'), { id, input: {} });
    expect(table.openStreams.get('engine.events')).toBe(maxStreamsPerClient);
    expect(streamEvents(sender)).toEqual([
      { t: 'end', id: maxStreamsPerClient + 1, error: expect.objectContaining({ code: 'LIMIT_REACHED' }) },
    ]);
    sender.navigate({ isMainFrame: true, isSameDocument: false });
    expect(table.openStreams.get('engine.events')).toBe(0);
    main.emit(trusted(sender), ipcChannels.subscribe('engine.events'), { id: 1, input: {} });
    expect(table.openStreams.get('engine.events')).toBe(1);
  });
});
