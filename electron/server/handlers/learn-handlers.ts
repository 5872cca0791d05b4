import type { learnCalls, learnStreams } from '../../../shared/learn-contract.js';
import type { CallHandlers, StreamHandlers } from '../rpc/handler-types.js';
import type { EngineServices } from '../engine-services.js';

/** Handlers for shared/learn-contract.ts. */
export function learnCallHandlers(_engine: EngineServices): Pick<CallHandlers, keyof typeof learnCalls> {
  return {};
}

export function learnStreamHandlers(_engine: EngineServices): Pick<StreamHandlers, keyof typeof learnStreams> {
  return {};
}
