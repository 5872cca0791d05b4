import { Decoder, Encoder } from '@msgpack/msgpack';
import type { RpcErrorPayload } from '../../shared/errors.js';
import type { CallResult, ClientMessage } from '../../shared/wire.js';
import type { StreamHandlers } from './transport.js';
import { transportMessages, type StatusTransport, type TransportStatus } from './transport-status.js';

// Method-shaped handler types are checked bivariantly, so the DOM WebSocket (whose handlers take a
// full MessageEvent/CloseEvent) and test fakes both fit this minimal shape.
type Handler<E> = { bivarianceHack(event: E): void }['bivarianceHack'];

/** The parts of a browser WebSocket this transport uses. */
export interface WebSocketLike {
  binaryType: string;
  readonly readyState: number;
  send(data: Uint8Array): void;
  close(code?: number, reason?: string): void;
  onopen: Handler<unknown> | null;
  onmessage: Handler<{ data: unknown }> | null;
  onclose: Handler<{ code: number }> | null;
  onerror: Handler<unknown> | null;
}

/** Opens a socket; injected so tests (or Node) can supply their own WebSocket. */
export type WebSocketFactory = (url: string) => WebSocketLike;

/**
 * Asked after an attempt that never opened, because browsers hide the HTTP status of a refused
 * handshake: 'missing' (the page has no token), 'refused' (a wrong one), 'ok' (server up, token
 * fine) or 'unreachable'.
 */
export type AuthProbe = () => Promise<'ok' | 'missing' | 'refused' | 'unreachable'>;

export interface WsTransportOptions {
  /** ws(s)://host/rpc (the browser adds the token cookie); undefined when known to be unusable, which is reported, not attempted. */
  readonly url: string | undefined;
  readonly createSocket: WebSocketFactory;
  readonly probe?: AuthProbe;
  /** How long a call made while disconnected waits for the connection. */
  readonly callWaitMs?: number;
  readonly backoffInitialMs?: number;
  readonly backoffMaxMs?: number;
  /** 0..1 → fraction of the delay kept; injected for deterministic tests. */
  readonly random?: () => number;
}

interface PendingCall {
  readonly name: string;
  readonly input: unknown;
  readonly engine: string | undefined;
  resolve(result: CallResult): void;
  /** Set while the call waits for a connection. */
  timer: ReturnType<typeof setTimeout> | undefined;
}

interface ActiveStream {
  readonly name: string;
  readonly input: unknown;
  readonly engine: string | undefined;
  readonly handlers: StreamHandlers;
}

const OPEN = 1;

// One of each for the page's life: a fresh Encoder allocates and a fresh Decoder sets up its state
// per message (a terminal flood is hundreds of messages a second). `encode` returns a copy, so a
// frame still queued in the socket is never overwritten by the next.
// ignoreUndefined: optional fields left undefined are omitted rather than sent as nil.
const frameEncoder = new Encoder({ ignoreUndefined: true });
const frameDecoder = new Decoder();

function failure(code: RpcErrorPayload['code'], message: string): CallResult {
  return { ok: false, error: { code, message } };
}

function asServerMessage(raw: unknown): ({ t: string; id: number } & Record<string, unknown>) | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const m = raw as Record<string, unknown>;
  return typeof m.t === 'string' && typeof m.id === 'number' ? (m as { t: string; id: number } & Record<string, unknown>) : undefined;
}

/**
 * The renderer's transport for `npm run web`: one WebSocket carrying MessagePack frames.
 * It reconnects with backoff when the socket drops and re-subscribes every active stream, so
 * streams keep flowing across a server restart. Calls made while disconnected wait for the
 * connection (up to `callWaitMs`); calls in flight when it drops fail at once, because they may
 * or may not have run and retrying a `containers.remove` is not ours to decide.
 */
export class WsTransport implements StatusTransport {
  readonly kind = 'ws' as const;
  private currentStatus: TransportStatus = { state: 'connecting' };
  private readonly listeners = new Set<(status: TransportStatus) => void>();
  private socket: WebSocketLike | undefined;
  private nextId = 1;
  /** Calls sent on the current socket, by id. */
  private readonly inFlight = new Map<number, PendingCall>();
  /** Calls waiting for a socket, in order. */
  private readonly waiting = new Map<number, PendingCall>();
  private readonly streams = new Map<number, ActiveStream>();
  private failedAttempts = 0;
  private reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly callWaitMs: number;
  private readonly backoffInitialMs: number;
  private readonly backoffMaxMs: number;

  constructor(private readonly options: WsTransportOptions) {
    this.callWaitMs = options.callWaitMs ?? 10_000;
    this.backoffInitialMs = options.backoffInitialMs ?? 250;
    this.backoffMaxMs = options.backoffMaxMs ?? 5_000;
    if (options.url === undefined) {
      this.currentStatus = { state: 'unauthorized', message: transportMessages.missingToken };
      return;
    }
    this.connect();
  }

  get status(): TransportStatus {
    return this.currentStatus;
  }

  onStatus(listener: (status: TransportStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  call(name: string, input: unknown, engine?: string): Promise<CallResult> {
    const refused = this.refusal();
    if (refused) return Promise.resolve({ ok: false, error: refused });
    return new Promise<CallResult>((resolve) => {
      const id = this.nextId++;
      const pending: PendingCall = { name, input, engine, resolve, timer: undefined };
      if (this.isOpen()) {
        this.sendCall(id, pending);
        return;
      }
      pending.timer = setTimeout(() => {
        this.waiting.delete(id);
        resolve(failure('INTERNAL', transportMessages.lostConnection));
      }, this.callWaitMs);
      this.waiting.set(id, pending);
    });
  }

  subscribe(name: string, input: unknown, handlers: StreamHandlers, engine?: string): () => void {
    const refused = this.refusal();
    if (refused) {
      queueMicrotask(() => handlers.onEnd(refused));
      return () => {};
    }
    const id = this.nextId++;
    const stream: ActiveStream = { name, input, engine, handlers };
    this.streams.set(id, stream);
    if (this.isOpen()) this.sendSubscribe(id, stream);
    return () => {
      if (!this.streams.delete(id)) return;
      if (this.isOpen()) this.send({ t: 'unsub', id });
    };
  }

  /** Skips the backoff wait, e.g. for a "Retry now" button. */
  reconnectNow(): void {
    if (this.currentStatus.state !== 'reconnecting' || this.socket) return;
    clearTimeout(this.reconnectTimer);
    this.connect();
  }

  /** Stops for good: waiting calls fail, streams end without error. */
  close(): void {
    if (this.currentStatus.state === 'closed') return;
    clearTimeout(this.reconnectTimer);
    const socket = this.socket;
    this.socket = undefined;
    this.setStatus({ state: 'closed' });
    socket?.close(1000, 'client closed');
    this.failCalls(failure('INTERNAL', 'The connection to the Berth server was closed'));
    this.endStreams(undefined);
  }

  private refusal(): RpcErrorPayload | undefined {
    const { state, message } = this.currentStatus;
    if (state === 'unauthorized') return { code: 'FORBIDDEN', message: message ?? transportMessages.missingToken };
    if (state === 'closed') return { code: 'INTERNAL', message: 'The connection to the Berth server was closed' };
    return undefined;
  }

  private isClosed(): boolean {
    return this.currentStatus.state === 'closed';
  }

  private isOpen(): boolean {
    return this.socket !== undefined && this.socket.readyState === OPEN && this.currentStatus.state === 'open';
  }

  private setStatus(status: TransportStatus): void {
    this.currentStatus = status;
    for (const listener of [...this.listeners]) {
      try {
        listener(status);
      } catch (err) {
        console.error('[berth] transport status listener failed', err);
      }
    }
  }

  private connect(): void {
    const url = this.options.url;
    if (url === undefined) return;
    let socket: WebSocketLike;
    try {
      socket = this.options.createSocket(url);
    } catch (err) {
      // A malformed URL throws synchronously; retrying will not help.
      this.setStatus({ state: 'unauthorized', message: `${transportMessages.missingToken} (${String(err)})` });
      return;
    }
    this.socket = socket;
    socket.binaryType = 'arraybuffer';
    let opened = false;
    socket.onopen = () => {
      if (this.socket !== socket) return;
      opened = true;
      this.failedAttempts = 0;
      this.setStatus({ state: 'open' });
      // Streams first, so a call that depends on a stream's first message finds it subscribed.
      for (const [id, stream] of this.streams) this.sendSubscribe(id, stream);
      for (const [id, pending] of [...this.waiting]) {
        this.waiting.delete(id);
        clearTimeout(pending.timer);
        this.sendCall(id, pending);
      }
    };
    socket.onmessage = (event) => {
      if (this.socket === socket) this.receive(event.data);
    };
    socket.onerror = () => {
      // Always followed by onclose, which does the work.
    };
    socket.onclose = () => {
      if (this.socket !== socket) return;
      this.socket = undefined;
      for (const [id, pending] of [...this.inFlight]) {
        this.inFlight.delete(id);
        pending.resolve(failure('INTERNAL', transportMessages.lostConnection));
      }
      void this.afterDrop(opened);
    };
  }

  private async afterDrop(hadOpened: boolean): Promise<void> {
    if (this.isClosed()) return;
    if (!hadOpened && this.options.probe) {
      const verdict = await this.options.probe().catch(() => 'unreachable' as const);
      // close() or reconnectNow() may have run while the probe was out.
      if (this.isClosed() || this.socket) return;
      if (verdict === 'refused' || verdict === 'missing') {
        const message = verdict === 'missing' ? transportMessages.missingToken : transportMessages.refusedToken;
        this.setStatus({ state: 'unauthorized', message });
        const error: RpcErrorPayload = { code: 'FORBIDDEN', message };
        this.failCalls({ ok: false, error });
        this.endStreams(error);
        return;
      }
    }
    this.failedAttempts += 1;
    const ceiling = Math.min(this.backoffMaxMs, this.backoffInitialMs * 2 ** (this.failedAttempts - 1));
    // Jitter keeps many tabs from reconnecting in lockstep after a server restart.
    const delay = Math.round(ceiling * (0.5 + 0.5 * (this.options.random ?? Math.random)()));
    this.setStatus({ state: 'reconnecting', message: transportMessages.lostConnection, attempt: this.failedAttempts, retryInMs: delay });
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = setTimeout(() => this.connect(), delay);
  }

  private sendCall(id: number, pending: PendingCall): void {
    this.inFlight.set(id, pending);
    // No `engine` key for the default engine: the message stays what an older server reads.
    const message: ClientMessage = {
      t: 'call',
      id,
      name: pending.name,
      input: pending.input,
      ...(pending.engine === undefined ? {} : { engine: pending.engine }),
    };
    if (!this.send(message)) {
      this.inFlight.delete(id);
      pending.resolve(failure('BAD_REQUEST', `The input of ${pending.name} cannot be sent (not serializable)`));
    }
  }

  private sendSubscribe(id: number, stream: ActiveStream): void {
    this.send({ t: 'sub', id, name: stream.name, input: stream.input, ...(stream.engine === undefined ? {} : { engine: stream.engine }) });
  }

  private send(message: ClientMessage): boolean {
    let frame: Uint8Array;
    try {
      frame = frameEncoder.encode(message);
    } catch {
      return false;
    }
    this.socket?.send(frame);
    return true;
  }

  private receive(data: unknown): void {
    let message: ReturnType<typeof asServerMessage>;
    try {
      const bytes = data instanceof ArrayBuffer ? new Uint8Array(data) : data instanceof Uint8Array ? data : undefined;
      message = bytes ? asServerMessage(frameDecoder.decode(bytes)) : undefined;
    } catch {
      message = undefined;
    }
    if (!message) {
      console.warn('[berth] ignored a malformed frame from the server');
      return;
    }
    if (message.t === 'result') {
      const pending = this.inFlight.get(message.id);
      if (!pending) return; // id -1: the server could not read one of our frames; nothing waits for it
      this.inFlight.delete(message.id);
      pending.resolve(
        message.ok === true
          ? { ok: true, value: message.value }
          : { ok: false, error: (message.error as RpcErrorPayload | undefined) ?? { code: 'INTERNAL', message: 'Malformed error reply' } },
      );
      return;
    }
    const stream = this.streams.get(message.id);
    if (!stream) return; // a late message for a stream we already left
    if (message.t === 'data') {
      this.deliver(() => stream.handlers.onMessage(message.msg));
    } else if (message.t === 'end') {
      this.streams.delete(message.id);
      this.deliver(() => stream.handlers.onEnd(message.error as RpcErrorPayload | undefined));
    }
  }

  /** A throwing UI callback must not stop the frames behind it. */
  private deliver(callback: () => void): void {
    try {
      callback();
    } catch (err) {
      console.error('[berth] stream handler failed', err);
    }
  }

  private failCalls(result: CallResult): void {
    for (const pending of [...this.waiting.values(), ...this.inFlight.values()]) {
      clearTimeout(pending.timer);
      pending.resolve(result);
    }
    this.waiting.clear();
    this.inFlight.clear();
  }

  private endStreams(error: RpcErrorPayload | undefined): void {
    const streams = [...this.streams.values()];
    this.streams.clear();
    for (const stream of streams) this.deliver(() => stream.handlers.onEnd(error));
  }
}
