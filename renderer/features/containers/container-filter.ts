import type { ContainerSummary } from '../../../shared/engine-types.js';

/** Containers whose name, image, ID, state or command contains every word of the filter. */
export function filterContainers(items: readonly ContainerSummary[], text: string): readonly ContainerSummary[] {
  const words = text.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return items;
  return items.filter((c) => {
    const haystack = `${c.name} ${c.image} ${c.id.slice(0, 12)} ${c.state} ${c.command}`.toLowerCase();
    return words.every((w) => haystack.includes(w));
  });
}

/** The state as a badge says it: `exited (3)` carries the exit code. */
export function stateLabel(c: Pick<ContainerSummary, 'state' | 'exitCode'>): string {
  if (c.state === 'exited' && c.exitCode !== null) return `exited (${c.exitCode})`;
  return c.state;
}

export function countRunning(items: readonly ContainerSummary[]): number {
  return items.reduce((n, c) => (c.state === 'running' ? n + 1 : n), 0);
}
