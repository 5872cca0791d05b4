import type { HandlerTable } from '../rpc/handler-types.js';
import { runContainer } from '../../engine/containers/run-container.js';
import { BerthError } from '../../../shared/errors.js';
import { decideHostShell } from '../host-shell-policy.js';
import { imageCallHandlers, imageStreamHandlers } from './image-handlers.js';
import { containerFilesOf, filesCallHandlers, filesStreamHandlers } from './files-handlers.js';
import { volumeCallHandlers } from './volume-handlers.js';
import { networkCallHandlers } from './network-handlers.js';
import type { AppServices } from './app-services.js';

export type { AppServices };

/** The contract's implementation: one line per entry, each delegating to a service. */
export function createHandlers(s: AppServices): HandlerTable {
  return {
    calls: {
      'engine.status': async () => s.connection.status,
      'engine.reconnect': () => s.connection.connect(),
      'containers.list': () => s.containers.list(),
      'containers.start': async ({ id }) => (await s.containers.start(id), null),
      'containers.stop': async ({ id, timeoutSeconds }) => (await s.containers.stop(id, timeoutSeconds), null),
      'containers.restart': async ({ id }) => (await s.containers.restart(id), null),
      'containers.remove': async ({ id, force, removeVolumes }) => (await s.containers.remove(id, { force, removeVolumes }), null),
      'containers.run': ({ spec, start }) => runContainer(s.connection, spec, start),
      'containers.pause': async ({ id }) => (await s.containers.pause(id), null),
      'containers.unpause': async ({ id }) => (await s.containers.unpause(id), null),
      'containers.kill': async ({ id, signal }) => (await s.containers.kill(id, signal), null),
      'containers.rename': async ({ id, name }) => (await s.containers.rename(id, name), null),
      'containers.inspect': ({ id }) => s.containers.inspect(id),
      'containers.changes': ({ id }) => s.containers.changes(id),
      'containers.top': ({ id }) => s.containers.top(id),
      'containers.commit': ({ id, ...options }) => s.containers.commit(id, options),
      'containers.logsAck': async ({ flow, bytes }, ctx) => (s.containerStreams.ackLogs(ctx.clientId, flow, bytes), null),
      'images.list': () => s.images.list(),
      ...imageCallHandlers(s),
      ...filesCallHandlers(s),
      ...volumeCallHandlers(s),
      ...networkCallHandlers(s),
      'terminal.open': (input, ctx) => s.terminals.open(ctx.clientId, input),
      'terminal.attach': ({ containerId, cols, rows }, ctx) => s.terminals.attach(ctx.clientId, containerId, cols, rows),
      'terminal.openHost': ({ cols, rows }, ctx) => {
        const decision = decideHostShell(s.connection.endpoint, ctx, s.allowHostShellOverWeb);
        if (!decision.allowed) throw new BerthError({ code: 'FORBIDDEN', message: decision.reason });
        return s.terminals.openHost(ctx.clientId, cols, rows);
      },
      'terminal.capabilities': async (_input, ctx) => ({ hostShell: decideHostShell(s.connection.endpoint, ctx, s.allowHostShellOverWeb) }),
      'terminal.input': async ({ sessionId, data }, ctx) => (s.terminals.write(ctx.clientId, sessionId, data), null),
      'terminal.resize': async ({ sessionId, cols, rows }, ctx) => (await s.terminals.resize(ctx.clientId, sessionId, cols, rows), null),
      'terminal.ack': async ({ sessionId, bytes }, ctx) => (s.terminals.ack(ctx.clientId, sessionId, bytes), null),
      'terminal.close': async ({ sessionId }, ctx) => (await s.terminals.close(ctx.clientId, sessionId), null),
    },
    streams: {
      ...imageStreamHandlers(s),
      ...filesStreamHandlers(s),
      'engine.status': (_input, sink) => {
        sink.send(s.connection.status);
        return s.connection.onStatus((status) => sink.send(status));
      },
      'engine.events': (_input, sink) => s.connection.onEvent((event) => sink.send(event)),
      'containers.logs': (input, sink, ctx) => s.containerStreams.logs(input, sink, ctx.clientId),
      'containers.stats': ({ id }, sink, ctx) => s.containerStreams.stats(id, sink, ctx.clientId),
      'terminal.output': ({ sessionId }, sink, ctx) => s.terminals.attachOutput(ctx.clientId, sessionId, sink),
    },
    disposeClient: (clientId) => {
      s.terminals.disposeClient(clientId);
      containerFilesOf(s).disposeClient(clientId);
    },
  };
}
