import { builtInExplanations, builtInShortNotes, isBuiltInNetworkName, type NetworkSummary } from '../../../shared/network-types.js';
import { shortId } from '../../lib/short-id.js';

// What the networks view shows about a network, in words and in `docker network` lines.

/** The one-line explanation of a built-in network, for learners. */
export function builtInNote(n: NetworkSummary): string | undefined {
  return n.builtIn && isBuiltInNetworkName(n.name) ? builtInExplanations[n.name] : undefined;
}

/** The few words under a built-in network's name in its row. */
export function builtInShortNote(n: NetworkSummary): string | undefined {
  return n.builtIn && isBuiltInNetworkName(n.name) ? builtInShortNotes[n.name] : undefined;
}

/** `10.42.0.0/24` (or several, comma-separated); empty when the engine assigned none. */
export function subnetsOf(n: NetworkSummary): string {
  return n.ipam.flatMap((c) => (c.subnet ? [c.subnet] : [])).join(', ');
}

export function gatewaysOf(n: NetworkSummary): string {
  return n.ipam.flatMap((c) => (c.gateway ? [c.gateway] : [])).join(', ');
}

/** Whether another listed network has this one's name (the engine allows it, e.g. a local and a swarm one). */
export function nameIsShared(network: { id: string; name: string }, all: ReadonlyArray<{ id: string; name: string }>): boolean {
  return all.some((n) => n.name === network.name && n.id !== network.id);
}

/**
 * How a `docker network …` line shown to the user names a network: its name when no other network
 * has it, else its short ID (the name would be ambiguous; Berth itself always sends the full ID).
 */
export function networkCliRef(network: { id: string; name: string }, all: ReadonlyArray<{ id: string; name: string }>): string {
  return nameIsShared(network, all) ? shortId(network.id) : network.name;
}

/** Rows whose name, ID, driver, subnet or attached container names contain the text. */
export function filterNetworks(items: readonly NetworkSummary[], text: string): readonly NetworkSummary[] {
  const needle = text.trim().toLowerCase();
  if (!needle) return items;
  return items.filter((n) =>
    [n.name, n.id.slice(0, 12), n.driver, ...n.ipam.map((c) => c.subnet ?? ''), ...n.containers.map((c) => c.name)].some((s) =>
      s.toLowerCase().includes(needle),
    ),
  );
}
