import { describe, expect, it } from 'vitest';
import { ipcChannels } from '../../../shared/wire.js';
import { createBridgeApi } from '../preload/bridge-api.js';
import { FakeIpcMain, FakeIpcRenderer, FakeSender } from '../../test-support/fake-ipc.js';
import { registerOpenExternal } from './open-external.js';

const appUrl = 'app://berth/index.html';

function setup(options: { frameUrl?: string; fail?: Error } = {}) {
  const main = new FakeIpcMain();
  const opened: string[] = [];
  let clock = 10_000;
  const unregister = registerOpenExternal(main, {
    isTrustedSender: (url) => url === appUrl,
    openExternal: async (url) => {
      if (options.fail) throw options.fail;
      opened.push(url);
    },
    now: () => clock,
  });
  const renderer = new FakeIpcRenderer(main, new FakeSender(1), options.frameUrl ?? appUrl);
  /** What main answers to a raw message on the channel, skipping the preload's own check. */
  const invokeRaw = (payload: unknown) => renderer.invoke(ipcChannels.openExternal, payload);
  return { main, opened, unregister, renderer, invokeRaw, tick: (ms: number) => (clock += ms) };
}

describe('registerOpenExternal (main)', () => {
  it('opens an http, https or mailto link from the app page, normalised', async () => {
    const { opened, invokeRaw, tick } = setup();
    expect(await invokeRaw('HTTPS://Example.com/docs?q=1')).toEqual({ ok: true, value: null });
    tick(1000);
    expect(await invokeRaw('mailto:robots@example.com')).toEqual({ ok: true, value: null });
    expect(opened).toEqual(['https://example.com/docs?q=1', 'mailto:robots@example.com']);
  });

  it('refuses every other scheme, long links and non-strings in main, whatever the page checked', async () => {
    const { opened, invokeRaw } = setup();
    for (const payload of [
      'javascript:alert(1)',
      'file:///etc/passwd',
      'data:text/html;base64,PHNjcmlwdD4=',
      'x-berth-custom://do-something',
      'ms-msdt:/id PCWDiagnostic',
      `https://example.com/${'a'.repeat(5000)}`,
      'https://bank.example@evil.example/',
      'java\nscript:alert(1)',
      { url: 'https://example.com' },
      ['https://example.com'],
      null,
    ]) {
      expect(await invokeRaw(payload), JSON.stringify(payload).slice(0, 60)).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    }
    expect(opened).toEqual([]);
  });

  it('refuses a sender that is not the app page', async () => {
    const { opened, invokeRaw } = setup({ frameUrl: 'https://evil.example/' });
    expect(await invokeRaw('https://example.com/')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(opened).toEqual([]);
  });

  it('refuses a sender whose frame is gone', async () => {
    const { main, opened } = setup();
    const event = { sender: new FakeSender(2), senderFrame: null };
    expect(await main.invoke(event, ipcChannels.openExternal, 'https://example.com/')).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(opened).toEqual([]);
  });

  it('opens at most one link a second, so a compromised page cannot flood the browser', async () => {
    const { opened, invokeRaw, tick } = setup();
    expect(await invokeRaw('https://example.com/1')).toMatchObject({ ok: true });
    expect(await invokeRaw('https://example.com/2')).toMatchObject({ ok: false, error: { message: /a moment ago/ } });
    tick(999);
    expect(await invokeRaw('https://example.com/3')).toMatchObject({ ok: false });
    tick(1);
    expect(await invokeRaw('https://example.com/4')).toMatchObject({ ok: true });
    expect(opened).toEqual(['https://example.com/1', 'https://example.com/4']);
  });

  it('reports when the system cannot open the link', async () => {
    const { invokeRaw } = setup({ fail: new Error('no handler for https') });
    expect(await invokeRaw('https://example.com/')).toEqual({
      ok: false,
      error: { code: 'INTERNAL', message: 'The system could not open the link: no handler for https' },
    });
  });

  it('removes its handler', () => {
    const { main, unregister } = setup();
    expect(main.handlers.has(ipcChannels.openExternal)).toBe(true);
    unregister();
    expect(main.handlers.has(ipcChannels.openExternal)).toBe(false);
  });
});

describe('the preload bridge openExternal, end to end with main', () => {
  it('reaches main over the dedicated channel', async () => {
    const { renderer, opened } = setup();
    expect(await createBridgeApi(renderer).openExternal('https://example.com/')).toEqual({ ok: true, value: null });
    expect(opened).toEqual(['https://example.com/']);
  });

  it('refuses a bad link before it touches IPC', async () => {
    const invoked: string[] = [];
    const api = createBridgeApi({
      invoke: async (channel) => (invoked.push(channel), { ok: true, value: null }),
      send: () => {},
      on: () => undefined,
    });
    expect(await api.openExternal('javascript:alert(1)')).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(invoked).toEqual([]);
  });

  it('turns a rejected invoke and a malformed reply into INTERNAL results', async () => {
    const rejecting = createBridgeApi({
      invoke: () => Promise.reject(new Error('No handler registered')),
      send: () => {},
      on: () => undefined,
    });
    expect(await rejecting.openExternal('https://example.com/')).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    const garbled = createBridgeApi({ invoke: async () => 'yes', send: () => {}, on: () => undefined });
    expect(await garbled.openExternal('https://example.com/')).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });
});
