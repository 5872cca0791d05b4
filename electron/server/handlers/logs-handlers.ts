import type { logsCalls, logsStreams } from '../../../shared/logs-contract.js';
import type { CallHandlers, StreamHandlers } from '../rpc/handler-types.js';
import type { ContainerStreams } from '../../engine/containers/container-streams.js';

/** Handlers for a container's logs (shared/logs-contract.ts). */
export function logsCallHandlers(streams: ContainerStreams): Pick<CallHandlers, keyof typeof logsCalls> {
  return {
    'containers.logsAck': async ({ flow, bytes }, ctx) => (streams.ackLogs(ctx.clientId, flow, bytes), null),
  };
}

export function logsStreamHandlers(streams: ContainerStreams): Pick<StreamHandlers, keyof typeof logsStreams> {
  return {
    'containers.logs': (input, sink, ctx) => streams.logs(input, sink, ctx.clientId),
  };
}
