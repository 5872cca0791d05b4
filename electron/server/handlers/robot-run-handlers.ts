import type { robotRunCalls } from '../../../shared/robot-run-contract.js';
import type { CallHandlers } from '../rpc/handler-types.js';
import type { EngineConnection } from '../../engine/engine-connection.js';
import { runSpecOfContainer } from '../../engine/containers/run-spec-of-container.js';

/** Handlers for the robot-ready run entries of the contract (shared/robot-run-contract.ts). */
export function robotRunCallHandlers(connection: EngineConnection): Pick<CallHandlers, keyof typeof robotRunCalls> {
  return {
    'containers.runSpec': ({ id }) => runSpecOfContainer(connection, id),
  };
}
