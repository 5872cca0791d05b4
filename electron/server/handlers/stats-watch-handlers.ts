import type { statsWatchCalls, statsWatchStreams } from '../../../shared/stats-watch-contract.js';
import type { CallHandlers, StreamHandlers } from '../rpc/handler-types.js';
import type { ContainerStreams } from '../../engine/containers/container-streams.js';

/** Handlers for the containers table's stats watch (shared/stats-watch-contract.ts). */
export function statsWatchCallHandlers(streams: ContainerStreams): Pick<CallHandlers, keyof typeof statsWatchCalls> {
  return {
    'containers.statsWatchSet': async ({ watch, ids }, ctx) => streams.statsWatches.set(ctx.clientId, watch, ids),
  };
}

export function statsWatchStreamHandlers(streams: ContainerStreams): Pick<StreamHandlers, keyof typeof statsWatchStreams> {
  return {
    'containers.statsWatch': ({ ids }, sink, ctx) => streams.statsWatches.open(ids, sink, ctx.clientId),
  };
}
