import type { ContainerSummary } from '../../../shared/engine-types.js';
import { exitWithoutTerminalHint } from '../run-form/run-result.js';

/**
 * What an empty Logs tab says. A container that exited without a word gets its exit code and,
 * when its command is a shell (or another program that reads its input), why: started without -it
 * it had nothing to read and ended — the same words as the note after Run.
 */
export function emptyLogNote(container: ContainerSummary | undefined, ended: boolean): string {
  if (!ended) return 'Waiting for output…';
  if (!container || (container.state !== 'exited' && container.state !== 'dead')) return 'No output.';
  const code = container.exitCode === null ? 'Exited' : `Exited with code ${container.exitCode}`;
  const hint = exitWithoutTerminalHint(container.command);
  return hint ? `${code} without printing anything. ${hint}` : `${code} without printing anything.`;
}
