import type { engineMapCalls, engineMapStreams } from '../../../shared/engine-map-contract.js';
import type { CallHandlers, StreamHandlers } from '../rpc/handler-types.js';
import type { EngineServices } from '../engine-services.js';
import { recentEvents } from '../../engine/map/recent-events.js';

/** Handlers for shared/engine-map-contract.ts. */
export function engineMapCallHandlers(engine: EngineServices): Pick<CallHandlers, keyof typeof engineMapCalls> {
  return {
    'engine.map': () => engine.map.snapshot(),
    'engine.mapWritableLayer': (input) => engine.map.writableLayer(input.id, input.limit),
    'engine.recentEvents': (input) => recentEvents(engine.connection, input.seconds),
  };
}

export function engineMapStreamHandlers(engine: EngineServices): Pick<StreamHandlers, keyof typeof engineMapStreams> {
  return {
    'engine.mapWatch': (_input, sink) => engine.map.watch(sink),
  };
}
