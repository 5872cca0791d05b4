import type { CallInput, CallName, CallOutput, StreamInput, StreamMessage, StreamName } from '../../shared/contract.js';

/** Who is asking: each transport connection is one client, and per-client resources die with it. */
export interface RequestContext {
  readonly clientId: string;
  readonly transport: 'ipc' | 'ws';
}

/** Where a stream handler sends its messages. */
export interface StreamSink<M> {
  /** Sends one message; returns false when the transport's buffer is above its high watermark. */
  send(message: M): boolean;
  /** Ends the stream from the server side, optionally with an error. */
  end(error?: unknown): void;
}

/** What a stream handler returns: called when the client unsubscribes or goes away. */
export type StreamCloser = () => void;

export type CallHandlers = {
  [K in CallName]: (input: CallInput<K>, ctx: RequestContext) => Promise<CallOutput<K>>;
};

export type StreamHandlers = {
  [K in StreamName]: (input: StreamInput<K>, sink: StreamSink<StreamMessage<K>>, ctx: RequestContext) => StreamCloser;
};

export interface HandlerTable {
  readonly calls: CallHandlers;
  readonly streams: StreamHandlers;
  /** Frees everything a client held (terminal sessions, ...) when its transport connection ends. */
  disposeClient(clientId: string): void;
}
