import type { TerminalOutput } from '../../../shared/terminal-types.js';
import { testDocker } from '../../test-support/engine-fixtures.js';

export interface Collector {
  sink: { send(m: TerminalOutput): boolean; end(): void };
  text(): string;
  exit(): Extract<TerminalOutput, { kind: 'exit' }> | undefined;
  ended(): boolean;
}

/** Collects a terminal's output as text, as a renderer would receive it. */
export function collector(): Collector {
  const decoder = new TextDecoder();
  let text = '';
  let exit: Extract<TerminalOutput, { kind: 'exit' }> | undefined;
  let ended = false;
  return {
    sink: {
      send(m) {
        if (m.kind === 'data') text += decoder.decode(m.data, { stream: true });
        else exit = m;
        return true;
      },
      end() {
        ended = true;
      },
    },
    text: () => text,
    exit: () => exit,
    ended: () => ended,
  };
}

/** How many of the container's exec processes the engine still reports as running. */
export async function runningExecs(container: string): Promise<number> {
  const info = await testDocker.getContainer(container).inspect();
  const states = await Promise.all(
    (info.ExecIDs ?? []).map((id) =>
      testDocker
        .getExec(id)
        .inspect()
        .catch(() => undefined),
    ),
  );
  return states.filter((s) => s?.Running).length;
}

/** Whether a process whose command line contains `needle` runs in the container (seen by the engine's `top`). */
export async function runsIn(container: string, needle: string): Promise<boolean> {
  const top = await testDocker.getContainer(container).top();
  return (top.Processes ?? []).some((p: string[]) => p.join(' ').includes(needle));
}

/** Removes exactly the named containers (never other tests' fixtures). */
export async function removeContainers(names: readonly string[]): Promise<void> {
  await Promise.all(
    names.map((n) =>
      testDocker
        .getContainer(n)
        .remove({ force: true })
        .catch(() => undefined),
    ),
  );
}
