import { randomUUID } from 'node:crypto';
import type { EngineConnection } from '../engine-connection.js';
import { toRpcError } from '../to-rpc-error.js';
import type { TerminalSource } from './terminal-source.js';
import {
  openDebugShellSource,
  ownedByThisInstance,
  ownerIsGone,
  sweepOrphanToolboxes,
  thisInstance,
  type DebugShellRequest,
} from './debug-shell.js';
import type { TerminalSessions } from './terminal-sessions.js';

/**
 * The toolbox sessions of this server instance whose shell is still open, across every engine's
 * DebugShells (two connections can reach one engine: neither may remove the other's live toolbox).
 */
const liveSessions = new Set<string>();

/** Drops `session` from the live set once its source ends or is closed. */
function tracked(source: TerminalSource, session: string): TerminalSource {
  source.onEnd(() => liveSessions.delete(session));
  return {
    ...source,
    terminate: async () => {
      liveSessions.delete(session);
      return source.terminate();
    },
  };
}

/**
 * Debug shells of one engine: sessions like any terminal (same bounds, flow control, ownership and
 * clean-up when the window goes), whose source is a toolbox container. Each time the engine
 * answers (first connect and every reconnect), toolboxes left behind are removed: those of a Berth
 * process that died, and this server's whose session ended while the engine was out of reach.
 */
export class DebugShells {
  /** The sweep running or last run, so callers (and tests) can wait for it. */
  lastSweep: Promise<string[]> = Promise.resolve([]);

  constructor(
    private readonly connection: EngineConnection,
    private readonly terminals: TerminalSessions,
  ) {
    connection.onStatus((status) => {
      if (status.state === 'connected') this.lastSweep = this.sweep();
    });
    if (connection.status.state === 'connected') this.lastSweep = this.sweep();
  }

  open(clientId: string, request: DebugShellRequest): Promise<{ sessionId: string; shell: string }> {
    return this.terminals.openSource(clientId, async () => {
      const session = randomUUID();
      // Live before the toolbox exists, so a sweep running meanwhile keeps it.
      liveSessions.add(session);
      try {
        const source = await this.connection.use((docker) => openDebugShellSource(docker, request, ownedByThisInstance(session)));
        return tracked(source, session);
      } catch (err) {
        liveSessions.delete(session);
        throw err;
      }
    });
  }

  /** Removes toolboxes left behind; never throws (the next connect tries again). */
  async sweep(): Promise<string[]> {
    try {
      return await this.connection.use((docker) =>
        sweepOrphanToolboxes(docker, { instance: thisInstance, isLiveSession: (s) => liveSessions.has(s), isGone: ownerIsGone }),
      );
    } catch (err) {
      console.error(`[berth] removing debug-shell toolboxes left behind: ${toRpcError(err).message}`);
      return [];
    }
  }
}
