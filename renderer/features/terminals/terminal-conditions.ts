import type { ConnectionState as EngineState, ContainerState } from '../../../shared/engine-types.js';
import type { TerminalTab } from './terminals-store.js';

/**
 * What is wrong around a live tab, in words for the user, or null: the engine is not connected,
 * or the tab's container is no longer running (the session's own end comes as its exit message).
 */
export function tabCondition(
  tab: Pick<TerminalTab, 'kind' | 'status' | 'containerName'> & Partial<Pick<TerminalTab, 'engineName'>>,
  engine: EngineState | undefined,
  container: ContainerState | undefined | null,
): string | null {
  if (tab.status !== 'open' && tab.status !== 'opening') return null;
  if (tab.kind === 'host') return null;
  // A tab on another engine: the page's engine and list say nothing about it (its session's end does).
  if (tab.engineName) return null;
  if (engine && engine !== 'connected')
    return `The Docker Engine is ${engine === 'connecting' ? 'reconnecting' : 'not reachable'}: this terminal cannot reach ${tab.containerName}.`;
  if (container === null) return `${tab.containerName} no longer exists.`;
  if (container && container !== 'running') return `${tab.containerName} is ${container}: its processes have stopped.`;
  return null;
}

/**
 * The line shown when a session ended: its reason, with the exit code when the reason does not say
 * it (not for a removed container: its code is the kill's, not the shell's).
 */
export function endedMessage(tab: Pick<TerminalTab, 'status' | 'reason' | 'exitCode'> & Partial<Pick<TerminalTab, 'endCause'>>): string {
  const reason = tab.reason ?? 'The session ended';
  if (tab.endCause === 'container-removed') return reason;
  if (tab.status === 'exited' && tab.exitCode !== null && !reason.includes(String(tab.exitCode)))
    return `${reason} (exit code ${tab.exitCode})`;
  return reason;
}

/** The short state a tab shows beside its title when it is not open. */
export function tabStateText(tab: Pick<TerminalTab, 'status' | 'exitCode' | 'endCause'>): string | null {
  if (tab.status === 'open') return null;
  if (tab.status === 'opening') return 'opening';
  if (tab.status === 'failed') return 'failed';
  if (tab.endCause === 'container-removed') return 'removed';
  if (tab.endCause === 'connection-lost') return 'lost';
  if (tab.endCause === 'detached') return 'detached';
  if (tab.endCause === 'container-stopped') return 'stopped';
  return tab.exitCode !== null ? `exit ${tab.exitCode}` : 'ended';
}

/**
 * Whether an ended tab's container is gone: the session said it was removed, or the engine's live
 * list no longer has it (`listed` is null while the list is not live). A tab still open or opening
 * is judged by its session, not the list, which may not show a container made a moment ago.
 */
export function containerGone(
  tab: Pick<TerminalTab, 'kind' | 'status' | 'containerId' | 'endCause'> & Partial<Pick<TerminalTab, 'engineName'>>,
  listed: ReadonlySet<string> | null,
): boolean {
  if (tab.kind === 'host') return false;
  if (tab.endCause === 'container-removed') return true;
  // `listed` is the page's engine's list: it cannot tell for a tab on another engine.
  if (tab.engineName) return false;
  if (tab.status !== 'exited' && tab.status !== 'failed') return false;
  return listed !== null && !listed.has(tab.containerId);
}
