import {
  calls,
  streams,
  type CallInput,
  type CallName,
  type CallOutput,
  type StreamInput,
  type StreamMessage,
  type StreamName,
} from '../../shared/contract.js';
import { BerthError } from '../../shared/errors.js';
import { streamShortcuts } from './stream-shortcuts.js';
import type { StreamHandlers, Transport } from './transport.js';

export interface Subscription<M> {
  onMessage(message: M): void;
  onEnd?(error?: BerthError): void;
}

/**
 * The one object the renderer calls the contract through, whatever the transport. A client is
 * bound to one engine (`engineId`; undefined: the server's default); `forEngine` gives one bound to
 * another over the same transport, so a store built on it only ever reaches its engine.
 */
export class BerthClient {
  constructor(
    private readonly transport: Transport,
    readonly engineId?: string,
  ) {}

  /** The same transport, every call and stream aimed at `engineId`. */
  forEngine(engineId: string): BerthClient {
    return new BerthClient(this.transport, engineId);
  }

  get transportKind(): Transport['kind'] {
    return this.transport.kind;
  }

  async call<K extends CallName>(name: K, input: CallInput<K>): Promise<CallOutput<K>> {
    const result = await (this.engineId === undefined ? this.transport.call(name, input) : this.transport.call(name, input, this.engineId));
    if (!result.ok) throw new BerthError(result.error);
    const parsed = calls[name].output.safeParse(result.value);
    if (!parsed.success) {
      throw new BerthError({ code: 'INTERNAL', message: `The reply to ${name} did not match the contract: ${parsed.error.message}` });
    }
    return parsed.data as CallOutput<K>;
  }

  subscribe<K extends StreamName>(name: K, input: StreamInput<K>, sub: Subscription<StreamMessage<K>>): () => void {
    const schema = streams[name].message;
    const shortcut = streamShortcuts[name] as ((raw: unknown) => boolean) | undefined;
    let closed = false;
    // Set once the transport has subscribed; a bad first message may arrive before that.
    const stream: { unsubscribe?: () => void } = {};
    const handlers: StreamHandlers = {
      onMessage: (raw) => {
        if (closed) return;
        if (shortcut?.(raw)) {
          sub.onMessage(raw as StreamMessage<K>);
          return;
        }
        const parsed = schema.safeParse(raw);
        if (parsed.success) {
          sub.onMessage(parsed.data as StreamMessage<K>);
          return;
        }
        // A message the page cannot read ends the stream with the reason: skipping it would let a
        // watched list drift from the engine with nothing said; its owner subscribes again for a fresh snapshot.
        closed = true;
        stream.unsubscribe?.();
        sub.onEnd?.(
          new BerthError({ code: 'INTERNAL', message: `A message of ${name} did not match the contract: ${parsed.error.message}` }),
        );
      },
      onEnd: (error) => {
        if (closed) return;
        closed = true;
        sub.onEnd?.(error ? new BerthError(error) : undefined);
      },
    };
    stream.unsubscribe =
      this.engineId === undefined
        ? this.transport.subscribe(name, input, handlers)
        : this.transport.subscribe(name, input, handlers, this.engineId);
    // Ended by a bad message before the transport returned: close what it opened.
    if (closed) stream.unsubscribe();
    return () => {
      if (closed) return;
      closed = true;
      stream.unsubscribe?.();
    };
  }
}
