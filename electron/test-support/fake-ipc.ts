import type { IpcEventLike, IpcMainLike, IpcSenderLike } from '../server/rpc/ipc-adapter.js';
import type { IpcRendererLike } from '../desktop/preload/bridge-api.js';

type MainListener = (event: IpcEventLike, ...args: unknown[]) => unknown;

/** An in-memory ipcMain: records what was registered and lets a test deliver messages to it. */
export class FakeIpcMain implements IpcMainLike {
  readonly handlers = new Map<string, MainListener>();
  readonly listeners = new Map<string, Set<MainListener>>();

  handle(channel: string, listener: MainListener): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  on(channel: string, listener: MainListener): this {
    const set = this.listeners.get(channel) ?? new Set();
    set.add(listener);
    this.listeners.set(channel, set);
    return this;
  }
  removeListener(channel: string, listener: MainListener): this {
    this.listeners.get(channel)?.delete(listener);
    return this;
  }

  /** Like ipcRenderer.invoke: rejects when nothing handles the channel, as Electron does. */
  async invoke(event: IpcEventLike, channel: string, ...args: unknown[]): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    return handler(event, ...args);
  }
  emit(event: IpcEventLike, channel: string, ...args: unknown[]): void {
    for (const listener of this.listeners.get(channel) ?? []) listener(event, ...args);
  }
  listenerCount(channel: string): number {
    return this.listeners.get(channel)?.size ?? 0;
  }
}

/** A WebContents stand-in: records what main sent to the page. */
export class FakeSender implements IpcSenderLike {
  readonly sent: Array<{ channel: string; args: unknown[] }> = [];
  destroyed = false;
  private readonly destroyedListeners: Array<() => void> = [];
  private readonly navigationListeners: Array<(d: { isMainFrame: boolean; isSameDocument: boolean }) => void> = [];
  /** Where page-bound messages go besides `sent`, e.g. a fake ipcRenderer. */
  onSend: ((channel: string, args: unknown[]) => void) | undefined;

  constructor(readonly id: number) {}

  send(channel: string, ...args: unknown[]): void {
    if (this.destroyed) throw new Error('Object has been destroyed');
    this.sent.push({ channel, args });
    this.onSend?.(channel, args);
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  once(_event: 'destroyed', listener: () => void): this {
    this.destroyedListeners.push(listener);
    return this;
  }
  on(_event: 'did-start-navigation', listener: (d: { isMainFrame: boolean; isSameDocument: boolean }) => void): this {
    this.navigationListeners.push(listener);
    return this;
  }
  destroy(): void {
    this.destroyed = true;
    for (const listener of this.destroyedListeners.splice(0)) listener();
  }
  navigate(details: { isMainFrame: boolean; isSameDocument: boolean }): void {
    for (const listener of this.navigationListeners) listener(details);
  }
}

/** An ipcRenderer wired to a FakeIpcMain, as one page (sender + frame URL) sees it. */
export class FakeIpcRenderer implements IpcRendererLike {
  private readonly listeners = new Map<string, Array<(event: unknown, ...args: unknown[]) => void>>();
  readonly event: IpcEventLike;

  constructor(
    private readonly main: FakeIpcMain,
    readonly sender: FakeSender,
    frameUrl: string,
  ) {
    this.event = { sender, senderFrame: { url: frameUrl } };
    sender.onSend = (channel, args) => {
      // Structured clone, as IPC does: the page never shares objects with main.
      for (const listener of this.listeners.get(channel) ?? []) listener({}, ...structuredClone(args));
    };
  }

  invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    return this.main.invoke(this.event, channel, ...structuredClone(args));
  }
  send(channel: string, ...args: unknown[]): void {
    this.main.emit(this.event, channel, ...structuredClone(args));
  }
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): this {
    this.listeners.set(channel, [...(this.listeners.get(channel) ?? []), listener]);
    return this;
  }
}
