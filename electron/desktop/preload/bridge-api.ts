import { isCallName, isStreamName } from '../../../shared/contract.js';
import { checkExternalUrl } from '../../../shared/external-url.js';
import type { RpcErrorPayload } from '../../../shared/errors.js';
import { callResultSchema, ipcChannels, streamEventSchema, type CallResult } from '../../../shared/wire.js';
import type { BerthBridge } from '../../../shared/bridge.js';

/** The parts of Electron's ipcRenderer the bridge uses; a fake in tests. */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  send(channel: string, ...args: unknown[]): void;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

interface OpenStream {
  onMessage(message: unknown): void;
  onEnd(error?: RpcErrorPayload): void;
}

function failed(code: RpcErrorPayload['code'], message: string): CallResult {
  return { ok: false, error: { code, message } };
}

/**
 * The object preload.ts exposes as `window.berth`. Only contract names get through, so a
 * compromised page cannot reach arbitrary IPC channels; stream ids are allocated here, and one
 * listener dispatches every stream event by id.
 */
export function createBridgeApi(ipc: IpcRendererLike): Required<BerthBridge> {
  const open = new Map<number, OpenStream>();
  let nextId = 1;

  ipc.on(ipcChannels.streamEvent, (_event, raw) => {
    const parsed = streamEventSchema.safeParse(raw);
    if (!parsed.success) return;
    const event = parsed.data;
    const stream = open.get(event.id);
    if (!stream) return;
    if (event.t === 'data') {
      stream.onMessage(event.msg);
      return;
    }
    open.delete(event.id);
    stream.onEnd(event.error);
  });

  return {
    async call(name, input, engine) {
      if (!isCallName(name)) return failed('UNKNOWN_CALL', `No call named ${JSON.stringify(name)}`);
      let raw: unknown;
      try {
        // Main's router checks the engine id; only a string (or nothing) is passed on.
        raw = await (typeof engine === 'string'
          ? ipc.invoke(ipcChannels.call(name), input, engine)
          : ipc.invoke(ipcChannels.call(name), input));
      } catch (err) {
        // Electron rejects only when the channel has no handler or the input cannot be cloned.
        return failed('INTERNAL', err instanceof Error ? err.message : String(err));
      }
      const result = callResultSchema.safeParse(raw);
      return result.success ? result.data : failed('INTERNAL', `Malformed reply to ${name}`);
    },

    subscribe(name, input, onMessage, onEnd, engine) {
      if (!isStreamName(name)) {
        // Asynchronously, like every other end, so callers see the returned function first.
        queueMicrotask(() => onEnd({ code: 'UNKNOWN_CALL', message: `No stream named ${JSON.stringify(name)}` }));
        return () => {};
      }
      const id = nextId++;
      open.set(id, { onMessage, onEnd });
      try {
        ipc.send(ipcChannels.subscribe(name), typeof engine === 'string' ? { id, input, engine } : { id, input });
      } catch (err) {
        open.delete(id);
        queueMicrotask(() => onEnd({ code: 'BAD_REQUEST', message: err instanceof Error ? err.message : String(err) }));
        return () => {};
      }
      return () => {
        if (!open.delete(id)) return;
        ipc.send(ipcChannels.unsubscribe, { id });
      };
    },

    async openExternal(url) {
      // Main checks again; this only spares a round trip for what it would refuse anyway.
      const check = checkExternalUrl(url);
      if (!check.ok) return failed('BAD_REQUEST', check.problem);
      let raw: unknown;
      try {
        raw = await ipc.invoke(ipcChannels.openExternal, check.url);
      } catch (err) {
        return failed('INTERNAL', err instanceof Error ? err.message : String(err));
      }
      const result = callResultSchema.safeParse(raw);
      return result.success ? result.data : failed('INTERNAL', 'Malformed reply to openExternal');
    },
  };
}
