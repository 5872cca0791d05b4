import type { terminalCalls, terminalStreams } from '../../../shared/terminal-contract.js';
import { BerthError } from '../../../shared/errors.js';
import type { CallHandlers, StreamHandlers } from '../rpc/handler-types.js';
import type { EngineConnection } from '../../engine/engine-connection.js';
import type { TerminalSessions } from '../../engine/terminal/terminal-sessions.js';
import { decideHostShell } from '../host-shell-policy.js';

export interface TerminalPolicy {
  /** Whether a host shell may be opened over the web transport (--allow-host-shell). */
  readonly allowHostShellOverWeb: boolean;
}

/** Handlers for the terminal entries of the contract (shared/terminal-contract.ts); each session belongs to the client that opened it. */
export function terminalCallHandlers(
  terminals: TerminalSessions,
  connection: EngineConnection,
  policy: TerminalPolicy,
): Pick<CallHandlers, keyof typeof terminalCalls> {
  return {
    'terminal.open': (input, ctx) => terminals.open(ctx.clientId, input),
    'terminal.attach': ({ containerId, cols, rows, start }, ctx) =>
      terminals.attach(ctx.clientId, containerId, cols, rows, start ? { start } : {}),
    'terminal.run': ({ spec, cols, rows }, ctx) => terminals.run(ctx.clientId, spec, cols, rows),
    'terminal.openHost': ({ cols, rows }, ctx) => {
      const decision = decideHostShell(connection.endpoint, ctx, policy.allowHostShellOverWeb);
      if (!decision.allowed) throw new BerthError({ code: 'FORBIDDEN', message: decision.reason });
      return terminals.openHost(ctx.clientId, cols, rows);
    },
    'terminal.capabilities': async (_input, ctx) => ({
      hostShell: decideHostShell(connection.endpoint, ctx, policy.allowHostShellOverWeb),
    }),
    'terminal.input': async ({ sessionId, data }, ctx) => (terminals.write(ctx.clientId, sessionId, data), null),
    'terminal.resize': async ({ sessionId, cols, rows }, ctx) => (await terminals.resize(ctx.clientId, sessionId, cols, rows), null),
    'terminal.ack': async ({ sessionId, bytes }, ctx) => (terminals.ack(ctx.clientId, sessionId, bytes), null),
    'terminal.close': async ({ sessionId }, ctx) => (await terminals.close(ctx.clientId, sessionId), null),
  };
}

export function terminalStreamHandlers(terminals: TerminalSessions): Pick<StreamHandlers, keyof typeof terminalStreams> {
  return {
    'terminal.output': ({ sessionId }, sink, ctx) => terminals.attachOutput(ctx.clientId, sessionId, sink),
  };
}
