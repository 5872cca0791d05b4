import type { ConnectionState as EngineState } from '../../../shared/engine-types.js';
import type { FleetEngine } from '../../../shared/engines-contract.js';
import { fleetStateView } from './fleet-format.js';

/** What a terminal tab needs to know to say its engine dropped. */
export interface TabOnEngine {
  /** 'host' for a shell on Berth's own machine. */
  readonly kind: string;
  /** 'opening' | 'open' | 'exited' | 'failed' */
  readonly status: string;
  readonly endCause?: string | null;
}

/** The engine a tab runs on dropped: what to say, and whether it answers again yet. */
export interface DroppedEngine {
  readonly engineName: string;
  /** The engine answers again (the session is still gone: Reconnect reopens it at once). */
  readonly answering: boolean;
  /** The engine's state in words, e.g. "reconnecting, next try in 4 s". */
  readonly stateText: string;
}

type EngineEntry = Pick<FleetEngine, 'state' | 'nextTryAt' | 'reason' | 'unknownHostKey' | 'spec'>;

function stateWords(engine: EngineEntry | undefined, status: EngineState | undefined, now: number): string {
  if (engine) return fleetStateView(engine, now).label;
  if (status === 'not-answering') return 'not answering';
  return status === 'connecting' ? 'reconnecting' : 'not reachable';
}

/**
 * Whether `tab`'s engine dropped under it: the engine is not connected while the tab is open (or
 * opening, or failed to open), or the tab's session was ended by the lost connection. Host shells run
 * on Berth's own machine, not on an engine. `engine` is the fleet's entry (several engines); `status`
 * the engine's own status stream, used when there is no fleet.
 */
export function droppedEngineOf(
  tab: TabOnEngine,
  engine: EngineEntry | undefined,
  status: EngineState | undefined,
  now: number,
): DroppedEngine | null {
  if (tab.kind === 'host') return null;
  const answering = engine ? engine.state === 'connected' : status === undefined || status === 'connected';
  const lostSession = tab.endCause === 'connection-lost' && (tab.status === 'exited' || tab.status === 'failed');
  if (answering && !lostSession) return null;
  if (!answering && tab.status === 'exited' && tab.endCause !== 'connection-lost') return null;
  return {
    engineName: engine?.spec.name ?? 'The engine',
    answering,
    stateText: answering ? 'answering again' : stateWords(engine, status, now),
  };
}
