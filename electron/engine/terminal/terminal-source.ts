import type { TerminalEndCause } from '../../../shared/terminal-types.js';

/** Why a terminal's process ended, as the tab tells it. */
export interface TerminalExit {
  exitCode: number | null;
  reason: string;
  cause: TerminalEndCause;
}

/**
 * What ending a session achieved: `unreachable` when the engine could not be asked to end its
 * processes, so the caller tries again once the engine answers.
 */
export type TerminateResult = 'done' | 'unreachable';

/**
 * Where a terminal's bytes come from and go to: a shell exec'd in a container, the container's
 * main process (attach), or a shell on the host (pty). Sessions do batching, flow control and
 * ownership the same way for all of them.
 */
export interface TerminalSource {
  /** Shown in the tab, e.g. "sh" or "bash" or "attach". */
  readonly label: string;
  onData(listener: (bytes: Uint8Array) => void): void;
  /** Called once when the process ends or the connection to it breaks. */
  onEnd(listener: () => void): void;
  write(data: string): void;
  /** Input bytes written but not yet taken by the process (held in Berth's memory). */
  queuedInputBytes(): number;
  resize(cols: number, rows: number): Promise<void>;
  pause(): void;
  resume(): void;
  describeExit(): Promise<TerminalExit>;
  /** Ends the session and whatever it started (not the container's main process for attach). */
  terminate(): Promise<TerminateResult>;
}
