import type { robotRunCalls } from '../../../shared/robot-run-contract.js';
import type { CallHandlers } from '../rpc/handler-types.js';
import type { EngineConnection } from '../../engine/engine-connection.js';
import { runSpecOfContainer } from '../../engine/containers/run-spec-of-container.js';
import { readHostResources } from '../../engine/containers/host-resources.js';
import type { DebugShells } from '../../engine/terminal/debug-shells.js';

/** Handlers for the robot-ready run entries of the contract (shared/robot-run-contract.ts). */
export function robotRunCallHandlers(
  connection: EngineConnection,
  debugShells: DebugShells,
): Pick<CallHandlers, keyof typeof robotRunCalls> {
  return {
    'containers.runSpec': ({ id }) => runSpecOfContainer(connection, id),
    'engine.hostResources': ({ image, paths }) => readHostResources(connection, image, paths),
    'terminal.debugShell': ({ containerId, image, cols, rows }, ctx) => debugShells.open(ctx.clientId, { containerId, image, cols, rows }),
  };
}
