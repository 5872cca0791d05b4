import { z } from 'zod';
import { callNames, streamNames } from '../../../shared/contract.js';
import type { RpcErrorPayload } from '../../../shared/errors.js';
import { ipcChannels, ipcSubscribePayloadSchema, type CallResult, type StreamEvent } from '../../../shared/wire.js';
import { createClientSession, readableId, type ClientSession } from './client-session.js';
import type { Router } from './router.js';
import { toRpcError } from '../../engine/to-rpc-error.js';

/*
 * The Electron side of the transport, written against structural interfaces so that this file
 * never imports `electron` (lint keeps electron/server/rpc runnable under plain Node) and tests can
 * pass fakes. Electron's ipcMain, IpcMainEvent and WebContents satisfy these shapes.
 */

/** The parts of a WebContents the adapter uses. */
export interface IpcSenderLike {
  readonly id: number;
  send(channel: string, ...args: unknown[]): void;
  isDestroyed(): boolean;
  once(event: 'destroyed', listener: () => void): unknown;
  /** A reload starts a new page in the same WebContents: its streams and sessions must go. */
  on(event: 'did-start-navigation', listener: (details: { isMainFrame: boolean; isSameDocument: boolean }) => void): unknown;
}

export interface IpcEventLike {
  readonly sender: IpcSenderLike;
  /** Null once the frame navigated away or was destroyed; `parent` is null for the top-level frame. */
  readonly senderFrame?: { readonly url: string; readonly parent?: unknown } | null;
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcEventLike, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
  on(channel: string, listener: (event: IpcEventLike, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: IpcEventLike, ...args: unknown[]) => void): unknown;
}

export interface IpcAdapterOptions {
  /** True when the frame URL is the app's own page; everything else is refused. */
  isTrustedSender(frameUrl: string | undefined): boolean;
}

const unsubscribePayloadSchema = z.object({ id: z.number().int().nonnegative() });

const forbidden: RpcErrorPayload = { code: 'FORBIDDEN', message: 'IPC from a frame that is not the Berth page' };

/** A WebContents and the session of the page it shows now (a reload starts a new one). */
interface ClientState {
  session: ClientSession;
}

/** The URL of the top-level frame that sent the message; undefined for a subframe or once it is gone. */
export function frameUrl(event: IpcEventLike): string | undefined {
  try {
    // Electron throws when a disposed frame is accessed; such a frame is not trusted anyway.
    const frame = event.senderFrame;
    // A subframe (even one showing the app's own page) is never the app: only the top frame speaks.
    if (!frame || (frame.parent !== undefined && frame.parent !== null)) return undefined;
    return frame.url;
  } catch {
    return undefined;
  }
}

/**
 * Registers one `handle` per contract call and one listener per contract stream, all going through
 * the router. Returns a function that removes them and frees every client.
 */
export function registerIpcHandlers(ipcMain: IpcMainLike, router: Router, options: IpcAdapterOptions): () => void {
  const clients = new Map<number, ClientState>();
  let disposed = false;

  const trusted = (event: IpcEventLike): boolean => options.isTrustedSender(frameUrl(event));

  const sendStreamEvent = (sender: IpcSenderLike, message: StreamEvent): boolean => {
    if (sender.isDestroyed()) return false;
    try {
      sender.send(ipcChannels.streamEvent, message);
      return true;
    } catch {
      return false;
    }
  };

  const newSession = (sender: IpcSenderLike): ClientSession =>
    createClientSession({
      router,
      ctx: { clientId: String(sender.id), transport: 'ipc' },
      deliver: (event) => sendStreamEvent(sender, event),
      logPrefix: '[berth ipc]',
    });

  /** The client of a WebContents, created on its first message together with the hooks that free it. */
  const clientOf = (sender: IpcSenderLike): ClientState => {
    const existing = clients.get(sender.id);
    if (existing) return existing;
    const state: ClientState = { session: newSession(sender) };
    clients.set(sender.id, state);
    sender.once('destroyed', () => {
      if (clients.get(sender.id) !== state) return;
      clients.delete(sender.id);
      state.session.dispose();
    });
    sender.on('did-start-navigation', (details) => {
      // Reloads too: the new page starts its stream ids at 1 again and must not get the old page's traffic.
      if (!details.isMainFrame || details.isSameDocument || clients.get(sender.id) !== state) return;
      state.session.dispose();
      state.session = newSession(sender);
    });
    return state;
  };

  const callListeners = callNames.map((name) => {
    const channel = ipcChannels.call(name);
    // The engine travels beside the input (absent: the default engine); the router checks it.
    ipcMain.handle(channel, async (event, input, engine): Promise<CallResult> => {
      if (disposed) return { ok: false, error: { code: 'INTERNAL', message: 'Berth is shutting down' } };
      if (!trusted(event)) return { ok: false, error: forbidden };
      return clientOf(event.sender).session.call(name, input, engine);
    });
    return channel;
  });

  const subscribeListeners = streamNames.map((name) => {
    const channel = ipcChannels.subscribe(name);
    const listener = (event: IpcEventLike, payload: unknown): void => {
      const id = readableId(payload);
      if (disposed) return;
      if (!trusted(event)) {
        if (id !== undefined) sendStreamEvent(event.sender, { t: 'end', id, error: forbidden });
        return;
      }
      const parsed = ipcSubscribePayloadSchema.safeParse(payload);
      if (!parsed.success) {
        if (id !== undefined) sendStreamEvent(event.sender, { t: 'end', id, error: toRpcError(parsed.error) });
        return;
      }
      clientOf(event.sender).session.subscribe(parsed.data.id, name, parsed.data.input, parsed.data.engine);
    };
    ipcMain.on(channel, listener);
    return { channel, listener };
  });

  const unsubscribeListener = (event: IpcEventLike, payload: unknown): void => {
    const id = readableId(payload);
    if (disposed) return;
    if (!trusted(event)) {
      if (id !== undefined) sendStreamEvent(event.sender, { t: 'end', id, error: forbidden });
      return;
    }
    const parsed = unsubscribePayloadSchema.safeParse(payload);
    if (!parsed.success) return;
    clients.get(event.sender.id)?.session.unsubscribe(parsed.data.id);
  };
  ipcMain.on(ipcChannels.unsubscribe, unsubscribeListener);

  return () => {
    if (disposed) return;
    disposed = true;
    for (const channel of callListeners) ipcMain.removeHandler(channel);
    for (const { channel, listener } of subscribeListeners) ipcMain.removeListener(channel, listener);
    ipcMain.removeListener(ipcChannels.unsubscribe, unsubscribeListener);
    for (const state of clients.values()) state.session.dispose();
    clients.clear();
  };
}
