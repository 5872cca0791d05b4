import type { RequestContext } from './rpc/handler-types.js';
import type { EngineEndpoint } from '../engine/docker-endpoint.js';

export interface HostShellDecision {
  allowed: boolean;
  reason: string;
}

/**
 * A host shell is a full shell as the user running Berth. It is offered only where Berth runs on
 * the same machine as the engine, and over the web transport only when the server was started
 * with --allow-host-shell.
 */
export function decideHostShell(endpoint: EngineEndpoint, ctx: RequestContext, allowOverWeb: boolean): HostShellDecision {
  const local = endpoint.display.startsWith('unix://') || endpoint.display.startsWith('npipe://');
  if (!local)
    return {
      allowed: false,
      reason: `The engine is remote (${endpoint.display}): a host shell would run on this computer, not beside the engine`,
    };
  if (ctx.transport === 'ws' && !allowOverWeb) {
    return { allowed: false, reason: 'Host shells over the web transport are off: start the server with --allow-host-shell to allow them' };
  }
  return { allowed: true, reason: ctx.transport === 'ws' ? 'Allowed by --allow-host-shell' : 'Berth runs beside the engine' };
}
