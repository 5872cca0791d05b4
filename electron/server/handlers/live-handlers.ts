import type { liveStreams } from '../../../shared/live-contract.js';
import type { StreamHandlers } from '../rpc/handler-types.js';
import type { EngineLiveModel } from '../../engine/live/engine-live-model.js';

/** Handlers for the watch streams (shared/live-contract.ts): each client subscribes to the engine's one live model. */
export function liveStreamHandlers(live: EngineLiveModel): Pick<StreamHandlers, keyof typeof liveStreams> {
  return {
    'containers.watch': (_input, sink) => live.watch('containers', sink),
    'images.watch': (_input, sink) => live.watch('images', sink),
    'volumes.watch': (_input, sink) => live.watch('volumes', sink),
    'networks.watch': (_input, sink) => live.watch('networks', sink),
  };
}
