import type { engineMapCalls, engineMapStreams } from '../../../shared/engine-map-contract.js';
import type { CallHandlers, StreamHandlers } from '../rpc/handler-types.js';
import type { EngineServices } from '../engine-services.js';

/** Handlers for shared/engine-map-contract.ts. */
export function engineMapCallHandlers(_engine: EngineServices): Pick<CallHandlers, keyof typeof engineMapCalls> {
  return {};
}

export function engineMapStreamHandlers(_engine: EngineServices): Pick<StreamHandlers, keyof typeof engineMapStreams> {
  return {};
}
