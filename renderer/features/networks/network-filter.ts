import { builtInExplanations, builtInShortNotes, isBuiltInNetworkName, type NetworkSummary } from '../../../shared/network-types.js';

/** The one-line explanation of a built-in network, for learners. */
export function builtInNote(n: NetworkSummary): string | undefined {
  return n.builtIn && isBuiltInNetworkName(n.name) ? builtInExplanations[n.name] : undefined;
}

/** Rows whose name, ID, driver, subnet or attached container names contain the text. */
export function filterNetworks(items: readonly NetworkSummary[], text: string): readonly NetworkSummary[] {
  const needle = text.trim().toLowerCase();
  if (!needle) return items;
  return items.filter((n) =>
    [n.name, n.id.slice(0, 12), n.driver, ...n.ipam.map((c) => c.subnet ?? ''), ...n.containers.map((c) => c.name)].some((s) => s.toLowerCase().includes(needle)),
  );
}

/** `10.42.0.0/24` (or several, comma-separated); empty when the engine assigned none. */
export function subnetsOf(n: NetworkSummary): string {
  return n.ipam.flatMap((c) => (c.subnet ? [c.subnet] : [])).join(', ');
}

export function gatewaysOf(n: NetworkSummary): string {
  return n.ipam.flatMap((c) => (c.gateway ? [c.gateway] : [])).join(', ');
}

/** The few words under a built-in network's name in its row. */
export function builtInShortNote(n: NetworkSummary): string | undefined {
  return n.builtIn && isBuiltInNetworkName(n.name) ? builtInShortNotes[n.name] : undefined;
}
