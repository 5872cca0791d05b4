import type { composeCalls, composeStreams } from '../../../shared/compose-contract.js';
import type { CallHandlers, StreamHandlers } from '../rpc/handler-types.js';
import type { EngineServices } from '../engine-services.js';

/** Handlers for shared/compose-contract.ts. */
export function composeCallHandlers(_engine: EngineServices): Pick<CallHandlers, keyof typeof composeCalls> {
  return {};
}

export function composeStreamHandlers(_engine: EngineServices): Pick<StreamHandlers, keyof typeof composeStreams> {
  return {};
}
