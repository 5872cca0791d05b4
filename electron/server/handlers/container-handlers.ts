import type { containerCalls, containerStreams } from '../../../shared/container-contract.js';
import type { CallHandlers, StreamHandlers } from '../rpc/handler-types.js';
import type { ContainerStreams } from '../../engine/containers/container-streams.js';
import type { ContainersService } from '../../engine/containers/containers-service.js';
import type { EngineConnection } from '../../engine/engine-connection.js';
import { runContainer } from '../../engine/containers/run-container.js';

/** Handlers for the container entries of the contract (shared/container-contract.ts). */
export function containerCallHandlers(
  containers: ContainersService,
  connection: EngineConnection,
): Pick<CallHandlers, keyof typeof containerCalls> {
  return {
    'containers.list': () => containers.list(),
    'containers.start': async ({ id }) => (await containers.start(id), null),
    'containers.stop': async ({ id, timeoutSeconds }) => (await containers.stop(id, timeoutSeconds), null),
    'containers.restart': async ({ id }) => (await containers.restart(id), null),
    'containers.remove': async ({ id, force, removeVolumes }) => (await containers.remove(id, { force, removeVolumes }), null),
    'containers.run': ({ spec, start }) => runContainer(connection, spec, start),
    'containers.pause': async ({ id }) => (await containers.pause(id), null),
    'containers.unpause': async ({ id }) => (await containers.unpause(id), null),
    'containers.kill': async ({ id, signal }) => (await containers.kill(id, signal), null),
    'containers.rename': async ({ id, name }) => (await containers.rename(id, name), null),
    'containers.inspect': ({ id }) => containers.inspect(id),
    'containers.changes': ({ id }) => containers.changes(id),
    'containers.top': ({ id }) => containers.top(id),
    'containers.commit': ({ id, ...options }) => containers.commit(id, options),
  };
}

export function containerStreamHandlers(streams: ContainerStreams): Pick<StreamHandlers, keyof typeof containerStreams> {
  return {
    'containers.stats': ({ id }, sink, ctx) => streams.stats(id, sink, ctx.clientId),
  };
}
