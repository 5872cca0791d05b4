import type { FleetContainerRow } from './fleet-containers-store.js';

/** The combined list's filter: every word must appear in the container's name, image, ID, state or command, or its engine's name. */
export function filterFleetRows(rows: readonly FleetContainerRow[], text: string): readonly FleetContainerRow[] {
  const words = text.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return rows;
  return rows.filter(({ container: c, engineName }) => {
    const haystack = `${c.name} ${c.image} ${c.id.slice(0, 12)} ${c.state} ${c.command} ${engineName}`.toLowerCase();
    return words.every((w) => haystack.includes(w));
  });
}
