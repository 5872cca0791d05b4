import type Docker from 'dockerode';
import type { TerminalExit } from './terminal-source.js';

function statusCodeOf(err: unknown): number | undefined {
  const code = typeof err === 'object' && err !== null ? (err as { statusCode?: unknown }).statusCode : undefined;
  return typeof code === 'number' ? code : undefined;
}

export const containerRemoved: TerminalExit = { exitCode: null, reason: 'The container was removed', cause: 'container-removed' };
const engineLost: TerminalExit = {
  exitCode: null,
  reason: 'Lost the connection to the Docker Engine: Berth ends the shell and its processes once the engine answers again',
  cause: 'connection-lost',
};

/** How long a shell killed by a signal waits to see whether its container is going down with it. */
const settleMs = 2000;

/**
 * Waits (at most `ms`) for the container to stop. A container being stopped or removed kills its
 * exec processes a moment before the engine marks it stopped, so right after the shell died of a
 * signal the container may still say "running".
 */
async function settle(container: Docker.Container, ms: number): Promise<void> {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), ms);
  try {
    await container.wait({ condition: 'not-running', abortSignal: abort.signal });
  } catch {
    // Aborted (it keeps running), or gone already: the inspect that follows tells which.
  } finally {
    clearTimeout(timer);
  }
}

async function inspectState(container: Docker.Container): Promise<Docker.ContainerInspectInfo['State'] | 'removed' | 'unreachable'> {
  try {
    const state = (await container.inspect()).State;
    return state.Status === 'removing' ? 'removed' : state;
  } catch (err) {
    return statusCodeOf(err) === 404 ? 'removed' : 'unreachable';
  }
}

/**
 * Why an exec session's stream ended: the container was removed (gone, or being removed: `rm -f`
 * marks it before killing), it stopped, the engine went away, the stream broke while the shell
 * still runs, or the shell exited with its code.
 */
export async function describeExecEnd(container: Docker.Container, exec: Docker.Exec): Promise<TerminalExit> {
  let state = await inspectState(container);
  if (state === 'removed') return containerRemoved;
  if (state === 'unreachable') return engineLost;
  let info: Docker.ExecInspectInfo;
  try {
    info = await exec.inspect();
  } catch (err) {
    if (statusCodeOf(err) === undefined) return engineLost;
    return { exitCode: null, reason: 'The shell ended', cause: 'exited' };
  }
  const exitCode = info.ExitCode ?? null;
  if (state.Running && exitCode !== null && exitCode >= 128) {
    await settle(container, settleMs);
    state = await inspectState(container);
    if (state === 'removed') return containerRemoved;
    if (state === 'unreachable') return engineLost;
  }
  if (!state.Running) return { exitCode, reason: 'The container stopped', cause: 'container-stopped' };
  if (info.Running)
    return { exitCode: null, reason: 'Lost the connection to the shell: Berth ended its processes', cause: 'connection-lost' };
  return { exitCode, reason: exitCode === null ? 'The shell ended' : `The shell exited with code ${exitCode}`, cause: 'exited' };
}
