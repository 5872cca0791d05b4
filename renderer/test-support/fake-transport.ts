import type { RpcErrorPayload } from '../../shared/errors.js';
import type { CallResult } from '../../shared/wire.js';
import type { StreamHandlers, Transport } from '../api/transport.js';

type CallHandler = (input: unknown) => CallResult | Promise<CallResult>;

interface FakeStream {
  name: string;
  input: unknown;
  handlers: StreamHandlers;
  open: boolean;
}

/** A Transport for unit tests: answers calls from handlers and lets the test push stream messages. */
export class FakeTransport implements Transport {
  readonly kind = 'ws' as const;
  readonly calls: Array<{ name: string; input: unknown }> = [];
  readonly streams: FakeStream[] = [];
  private readonly handlers = new Map<string, CallHandler>();

  /** Answer `name` with this value (or a function of the input). */
  reply(name: string, value: unknown | ((input: unknown) => unknown)): this {
    this.handlers.set(name, (input) => ({
      ok: true,
      value: typeof value === 'function' ? (value as (i: unknown) => unknown)(input) : value,
    }));
    return this;
  }

  /** Fail `name` with this error. */
  fail(name: string, error: RpcErrorPayload): this {
    this.handlers.set(name, () => ({ ok: false, error }));
    return this;
  }

  /** Answer `name` with a handler of your own (e.g. one that waits). */
  handle(name: string, handler: CallHandler): this {
    this.handlers.set(name, handler);
    return this;
  }

  async call(name: string, input: unknown): Promise<CallResult> {
    this.calls.push({ name, input });
    const handler = this.handlers.get(name);
    if (!handler) return { ok: false, error: { code: 'UNKNOWN_CALL', message: `No fake for ${name}` } };
    return handler(input);
  }

  subscribe(name: string, input: unknown, handlers: StreamHandlers): () => void {
    const stream: FakeStream = { name, input, handlers, open: true };
    this.streams.push(stream);
    return () => {
      stream.open = false;
    };
  }

  callsTo(name: string): Array<{ name: string; input: unknown }> {
    return this.calls.filter((c) => c.name === name);
  }

  openStreams(name: string): FakeStream[] {
    return this.streams.filter((s) => s.name === name && s.open);
  }

  /** Push a message to every open stream of this name. */
  emit(name: string, message: unknown): void {
    for (const stream of this.openStreams(name)) stream.handlers.onMessage(message);
  }

  /** End every open stream of this name, as the server or a dropped transport would. */
  end(name: string, error?: RpcErrorPayload): void {
    for (const stream of this.openStreams(name)) {
      stream.open = false;
      stream.handlers.onEnd(error);
    }
  }
}

/** Lets pending promise callbacks run. */
export async function flushPromises(): Promise<void> {
  for (let i = 0; i < 5; i++) await Promise.resolve();
}
