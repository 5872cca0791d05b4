import type { EngineConnection } from '../engine-connection.js';
import { toRpcError } from '../to-rpc-error.js';
import { openDebugShellSource, sweepOrphanToolboxes, type DebugShellRequest } from './debug-shell.js';
import type { TerminalSessions } from './terminal-sessions.js';

/**
 * Debug shells of one engine: sessions like any terminal (same bounds, flow control, ownership and
 * clean-up when the window goes), whose source is a toolbox container. Each time the engine
 * answers, toolboxes left by a Berth process that died are removed.
 */
export class DebugShells {
  constructor(
    private readonly connection: EngineConnection,
    private readonly terminals: TerminalSessions,
  ) {
    connection.onStatus((status) => {
      if (status.state === 'connected') void this.sweep();
    });
    if (connection.status.state === 'connected') void this.sweep();
  }

  open(clientId: string, request: DebugShellRequest): Promise<{ sessionId: string; shell: string }> {
    return this.terminals.openSource(clientId, () => this.connection.use((docker) => openDebugShellSource(docker, request)));
  }

  /** Removes toolboxes whose Berth process is gone; never throws (the next connect tries again). */
  async sweep(): Promise<string[]> {
    try {
      return await this.connection.use((docker) => sweepOrphanToolboxes(docker));
    } catch (err) {
      console.error(`[berth] removing debug-shell toolboxes left behind: ${toRpcError(err).message}`);
      return [];
    }
  }
}
