/** A Host header split into its parts; the hostname is lower-cased and IPv6 keeps no brackets. */
export interface HostParts {
  readonly hostname: string;
  readonly port: number | undefined;
}

// Strict on purpose: anything a browser would not send (user info, paths, spaces) is not a Host.
const hostHeaderPattern = /^(?:\[([0-9a-f:.]+)\]|([a-z0-9.-]+))(?::(\d{1,5}))?$/;

/** Parses a Host header value (`127.0.0.1:7420`, `[::1]:7420`, `localhost`); undefined when malformed. */
export function parseHostHeader(value: string | undefined): HostParts | undefined {
  if (value === undefined) return undefined;
  const match = hostHeaderPattern.exec(value.trim().toLowerCase());
  if (!match) return undefined;
  const hostname = match[1] ?? match[2];
  if (hostname === undefined || hostname.length === 0) return undefined;
  const port = match[3] === undefined ? undefined : Number(match[3]);
  if (port !== undefined && port > 65535) return undefined;
  return { hostname, port };
}

/** Strips the brackets of an IPv6 literal and lower-cases, so names compare as the Host parser returns them. */
export function normalizeHostname(hostname: string): string {
  const lower = hostname.trim().toLowerCase();
  return lower.startsWith('[') && lower.endsWith(']') ? lower.slice(1, -1) : lower;
}

/** True for names that always mean this machine: the whole 127/8 block, localhost and ::1. */
export function isLoopbackHostname(hostname: string): boolean {
  const name = normalizeHostname(hostname);
  if (name === 'localhost' || name === '::1' || name === '0:0:0:0:0:0:0:1') return true;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(name);
}

/** True for the any-address binds, which listen on every interface including loopback. */
export function isWildcardHostname(hostname: string): boolean {
  const name = normalizeHostname(hostname);
  return name === '0.0.0.0' || name === '::' || name === '0:0:0:0:0:0:0:0';
}

/** The host part of a URL: IPv6 literals need brackets there. */
export function hostForUrl(hostname: string): string {
  const name = normalizeHostname(hostname);
  return name.includes(':') ? `[${name}]` : name;
}
