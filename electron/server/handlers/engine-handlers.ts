import type { engineCalls, engineStreams } from '../../../shared/engine-contract.js';
import type { CallHandlers, StreamHandlers } from '../rpc/handler-types.js';
import type { EngineConnection } from '../../engine/engine-connection.js';

/** Handlers for the engine connection's entries of the contract (shared/engine-contract.ts). */
export function engineCallHandlers(connection: EngineConnection): Pick<CallHandlers, keyof typeof engineCalls> {
  return {
    'engine.status': async () => connection.status,
    'engine.reconnect': () => connection.connect(),
  };
}

export function engineStreamHandlers(connection: EngineConnection): Pick<StreamHandlers, keyof typeof engineStreams> {
  return {
    'engine.status': (_input, sink) => {
      sink.send(connection.status);
      return connection.onStatus((status) => sink.send(status));
    },
    'engine.events': (_input, sink) => connection.onEvent((event) => sink.send(event)),
  };
}
