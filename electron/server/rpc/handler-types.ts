import type { StreamCloser, StreamSink } from '../../engine/stream-sink.js';
import type { CallInput, CallName, CallOutput, StreamInput, StreamMessage, StreamName } from '../../../shared/contract.js';

export type { StreamCloser, StreamSink };

/** Who is asking: each transport connection is one client, and per-client resources die with it. */
export interface RequestContext {
  readonly clientId: string;
  readonly transport: 'ipc' | 'ws';
}

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
