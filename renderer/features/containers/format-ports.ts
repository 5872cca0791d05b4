import type { PortMapping } from '../../../shared/engine-types.js';

/**
 * Ports as `docker ps` prints them (`0.0.0.0:8080->80/tcp, 443/tcp`), with the IPv6 twin of an
 * IPv4 binding left out to keep the cell short.
 */
export function formatPorts(ports: readonly PortMapping[]): string {
  const seen = new Set<string>();
  const parts: string[] = [];
  const sorted = [...ports].sort((a, b) => a.privatePort - b.privatePort || (a.publicPort ?? 0) - (b.publicPort ?? 0));
  for (const p of sorted) {
    const key = `${p.publicPort ?? ''}:${p.privatePort}/${p.protocol}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (p.publicPort === undefined) parts.push(`${p.privatePort}/${p.protocol}`);
    else parts.push(`${p.ip && p.ip !== '::' ? p.ip : '0.0.0.0'}:${p.publicPort}->${p.privatePort}/${p.protocol}`);
  }
  return parts.join(', ');
}
