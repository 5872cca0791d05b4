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
  /** The engine the tab was opened on when it is not the page's current one; null (or absent) for the current one. */
  readonly engineId?: string | null;
}

/** The engine a tab runs on dropped: what to say, and whether it answers again yet. */
export interface DroppedEngine {
  /** The fleet's id of that engine (what Reconnect asks to reconnect), or null without a fleet. */
  readonly engineId: string | null;
  readonly engineName: string;
  /** The engine answers again (the session is still gone: Reconnect reopens it at once). */
  readonly answering: boolean;
  /** The engine's state in words, e.g. "reconnecting, next try in 4 s". */
  readonly stateText: string;
}

type EngineEntry = Pick<FleetEngine, 'state' | 'nextTryAt' | 'reason' | 'unknownHostKey' | 'passphraseWanted' | 'spec'>;

/**
 * The fleet's entry for the engine under `tab`: the one the tab names, else the page's current one.
 * Undefined when there is no fleet or the tab's engine left it.
 */
export function engineUnderTab<E extends EngineEntry>(
  tab: TabOnEngine,
  engines: readonly E[] | undefined,
  currentId: string,
): E | undefined {
  const id = tab.engineId ?? currentId;
  return engines?.find((e) => e.spec.id === id);
}

function stateWords(engine: EngineEntry | undefined, status: EngineState | undefined, now: number): string {
  if (engine) return fleetStateView(engine, now).label;
  if (status === 'not-answering') return 'not answering';
  return status === 'connecting' ? 'reconnecting' : 'not reachable';
}

/**
 * Whether `tab`'s engine dropped under it: the engine is not connected while the tab is open (or
 * opening, or failed to open), or the tab's session was ended by the lost connection. Host shells run
 * on Berth's own machine, not on an engine. `engine` is the fleet's entry (several engines); `status`
 * the page's engine's own status stream, used when there is no fleet entry for a tab on the page's
 * engine (a tab on another engine without an entry goes by its session's end alone).
 */
export function droppedEngineOf(
  tab: TabOnEngine,
  engine: EngineEntry | undefined,
  status: EngineState | undefined,
  now: number,
): DroppedEngine | null {
  if (tab.kind === 'host') return null;
  const ownStatus = (tab.engineId ?? null) === null ? status : undefined;
  const answering = engine ? engine.state === 'connected' : ownStatus === undefined || ownStatus === 'connected';
  const lostSession = tab.endCause === 'connection-lost' && (tab.status === 'exited' || tab.status === 'failed');
  if (answering && !lostSession) return null;
  if (!answering && tab.status === 'exited' && tab.endCause !== 'connection-lost') return null;
  return {
    engineId: engine?.spec.id ?? tab.engineId ?? null,
    engineName: engine?.spec.name ?? 'The engine',
    answering,
    stateText: answering ? 'answering again' : stateWords(engine, ownStatus, now),
  };
}
