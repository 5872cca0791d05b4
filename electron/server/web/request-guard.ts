import { createHash, timingSafeEqual } from 'node:crypto';
import { normalizeHostname, parseHostHeader } from './host-names.js';

/**
 * The checks that keep other web pages away from the Docker socket (DNS rebinding and CSRF):
 * a rebinding page sends its own domain as Host, a cross-site page sends its own Origin, and
 * neither knows the token. Each check alone has gaps; together they close them.
 */
export interface GuardConfig {
  /** The port the server listens on; a Host for another port is not ours. */
  readonly port: number;
  /** Extra host names (the `--host` value on a LAN bind), normalized by `normalizeHostname`. */
  readonly allowedHosts: ReadonlySet<string>;
  readonly token: string;
}

// Only the spellings the printed link and a user would type; not all of 127/8, so no surprise names pass.
const loopbackNames = new Set(['127.0.0.1', 'localhost', '::1']);

export function createGuardConfig(port: number, token: string, allowedHosts: readonly string[] = []): GuardConfig {
  return { port, token, allowedHosts: new Set(allowedHosts.map(normalizeHostname)) };
}

/** The Host header names this server: loopback or an allowed name, with our port. */
export function isAllowedHost(hostHeader: string | undefined, config: GuardConfig): boolean {
  const parts = parseHostHeader(hostHeader);
  if (!parts) return false;
  // Browsers leave the port out only when it is the scheme's default.
  const port = parts.port ?? 80;
  if (port !== config.port) return false;
  return loopbackNames.has(parts.hostname) || config.allowedHosts.has(parts.hostname);
}

/** The Origin is the page this server itself served (http://<Host>); call after `isAllowedHost`. */
export function isOwnOrigin(origin: string | undefined, hostHeader: string | undefined): boolean {
  if (origin === undefined || hostHeader === undefined) return false;
  return origin.trim().toLowerCase() === `http://${hostHeader.trim().toLowerCase()}`;
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

/** Constant-time token comparison; hashing first makes the lengths equal so nothing leaks through timing. */
export function tokenMatches(given: string | null | undefined, expected: string): boolean {
  if (typeof given !== 'string' || given.length === 0) return false;
  return timingSafeEqual(digest(given), digest(expected));
}
