import type { ConnectionState as EngineState, ContainerState } from '../../../shared/engine-types.js';
import type { TerminalTab } from './terminals-store.js';

/**
 * What is wrong around a live tab, in words for the user, or null: the engine is not connected,
 * or the tab's container is no longer running (the session's own end comes as its exit message).
 */
export function tabCondition(tab: Pick<TerminalTab, 'kind' | 'status' | 'containerName'>, engine: EngineState | undefined, container: ContainerState | undefined | null): string | null {
  if (tab.status !== 'open' && tab.status !== 'opening') return null;
  if (tab.kind === 'host') return null;
  if (engine && engine !== 'connected') return `The Docker Engine is ${engine === 'connecting' ? 'reconnecting' : 'not reachable'}: this terminal cannot reach ${tab.containerName}.`;
  if (container === null) return `${tab.containerName} no longer exists.`;
  if (container && container !== 'running') return `${tab.containerName} is ${container}: its processes have stopped.`;
  return null;
}

/** The line shown when a session ended: its reason, with the exit code when the reason does not say it. */
export function endedMessage(tab: Pick<TerminalTab, 'status' | 'reason' | 'exitCode'>): string {
  const reason = tab.reason ?? 'The session ended';
  if (tab.status === 'exited' && tab.exitCode !== null && !reason.includes(String(tab.exitCode))) return `${reason} (exit code ${tab.exitCode})`;
  return reason;
}
