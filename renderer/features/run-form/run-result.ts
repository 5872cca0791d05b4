import type { ContainerSummary } from '../../../shared/engine-types.js';
import { splitShellWords } from '../../../shared/shell-words.js';
import type { LastRun } from './run-form-store.js';

/** Programs that read their input and end when there is none: run without -it they exit at once. */
const interactivePrograms = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh', 'fish', 'python', 'python3', 'node', 'irb']);

/** What the note after a run says about the new container, from its live state. */
export type RunResultView =
  | { kind: 'running'; name: string }
  | { kind: 'created'; name: string }
  | { kind: 'gone'; name: string }
  | {
      kind: 'exited';
      name: string;
      exitCode: number | null;
      /** Why it stopped and what to do, when Berth can tell (a shell run without -it). */
      hint: string | null;
      /** Offer to run the same again with -it. */
      offerInteractive: boolean;
    };

/** The first word of a command line, without its directory (`/bin/sh -c …` → `sh`). */
export function programOf(command: string): string {
  let first: string | undefined;
  try {
    first = splitShellWords(command.trim())[0];
  } catch {
    first = command.trim().split(/\s+/)[0];
  }
  return (first ?? '').replace(/^.*\//, '');
}

/** The image's name without registry path or tag, as people say it: `docker.io/library/busybox:1.36` → `busybox`. */
export function shortImageName(image: string): string {
  const withoutDigest = image.replace(/@.*$/, '');
  const last = withoutDigest.split('/').pop() ?? withoutDigest;
  return last.replace(/:[^:]*$/, '') || image;
}

/**
 * Why `command` ended at once when run without -it, when it is a program that reads its input
 * (a shell, a REPL); null for other programs. `whose` names the command: "Its command", "busybox's default command".
 */
export function exitWithoutTerminalHint(command: string, whose = 'Its command'): string | null {
  const program = programOf(command);
  if (!interactivePrograms.has(program)) return null;
  return `${whose} is ${program}; without -it it exits: with no terminal and no input, ${program} has nothing to read and ends.`;
}

/**
 * Reads the new container's state for the note: an exit right after Run says its code and, for a
 * shell (or another program that reads its input) started without -it, why it ended and that
 * `-it` gives a shell instead of "No output".
 */
export function runResultView(last: LastRun, container: ContainerSummary | undefined, seenBefore: boolean): RunResultView {
  const name = last.name;
  // Not listed yet (the list follows the engine's events) is not the same as listed, then gone (--rm).
  if (!container) return seenBefore ? { kind: 'gone', name } : { kind: last.started ? 'running' : 'created', name };
  if (container.state === 'created') return { kind: 'created', name };
  if (container.state !== 'exited' && container.state !== 'dead') return { kind: 'running', name };
  const withoutTerminal = !(last.spec.interactive && last.spec.tty);
  const whose =
    last.spec.command.length === 0 && !last.spec.entrypoint ? `${shortImageName(last.spec.image)}'s default command` : 'Its command';
  const hint = withoutTerminal ? exitWithoutTerminalHint(container.command, whose) : null;
  if (!hint) return { kind: 'exited', name, exitCode: container.exitCode, hint: null, offerInteractive: false };
  return { kind: 'exited', name, exitCode: container.exitCode, hint, offerInteractive: true };
}
