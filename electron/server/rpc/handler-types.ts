import type { StreamCloser, StreamSink } from '../../engine/stream-sink.js';
import type { CallInput, CallName, CallOutput, StreamInput, StreamMessage, StreamName } from '../../../shared/contract.js';
import type { AppCallName, AppStreamName } from '../../../shared/engines-contract.js';

export type { StreamCloser, StreamSink };

/** Who is asking: each transport connection is one client, and per-client resources die with it. */
export interface RequestContext {
  readonly clientId: string;
  readonly transport: 'ipc' | 'ws';
}

/** Entries one engine's services serve; the rest (engines.*) are the app's. */
export type EngineCallName = Exclude<CallName, AppCallName>;
export type EngineStreamName = Exclude<StreamName, AppStreamName>;

export type CallHandlers = {
  [K in EngineCallName]: (input: CallInput<K>, ctx: RequestContext) => Promise<CallOutput<K>>;
};

export type StreamHandlers = {
  [K in EngineStreamName]: (input: StreamInput<K>, sink: StreamSink<StreamMessage<K>>, ctx: RequestContext) => StreamCloser;
};

/** The handlers of one engine (createHandlers over its services). */
export interface HandlerTable {
  readonly calls: CallHandlers;
  readonly streams: StreamHandlers;
  /** Frees everything a client held (terminal sessions, ...) when its transport connection ends. */
  disposeClient(clientId: string): void;
}

/** The app-level entries (shared/engines-contract.ts): the engines themselves. */
export interface AppHandlerTable {
  readonly calls: { [K in AppCallName]: (input: CallInput<K>, ctx: RequestContext) => Promise<CallOutput<K>> };
  readonly streams: {
    [K in AppStreamName]: (input: StreamInput<K>, sink: StreamSink<StreamMessage<K>>, ctx: RequestContext) => StreamCloser;
  };
}

/**
 * What the router serves: the app's entries and, per engine id, that engine's handler table. An
 * engine may come and go while clients are connected (added, removed), so it is looked up per call.
 */
export interface RouterHandlers {
  readonly app?: AppHandlerTable;
  /** The table of the engine with this id; undefined when Berth has no such engine. */
  engine(engineId: string): HandlerTable | undefined;
  /** Why a known engine has no table (Berth refused its address, say); undefined when it has one or is unknown. */
  engineProblem?(engineId: string): string | undefined;
  /** Ids Berth knows, for the error that names an unknown one. */
  engineIds(): readonly string[];
  /** A client left: every engine frees what it held. */
  disposeClient(clientId: string): void;
}
