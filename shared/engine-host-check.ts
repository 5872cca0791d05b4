/**
 * Checks an engine address before Berth keeps or dials it: the schemes Berth can reach, no
 * passwords in it (they would land in the saved engines file), and plain tcp:// only on loopback
 * (anyone who can reach an engine's plain TCP port is root on that machine).
 */
export type EngineHostCheck = { ok: true; scheme: 'unix' | 'npipe' | 'tcp' | 'ssh' } | { ok: false; problem: string };

const loopbackNames = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);

/** 127.0.0.0/8, ::1 and localhost; a name that merely resolves to loopback is not trusted. */
export function isLoopbackHost(hostname: string): boolean {
  const name = hostname.toLowerCase();
  if (loopbackNames.has(name)) return true;
  return /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.test(name) && name.split('.').every((part) => Number(part) <= 255);
}

export function checkEngineHost(host: string, tls: boolean): EngineHostCheck {
  let url: URL;
  try {
    url = new URL(host.trim());
  } catch {
    return { ok: false, problem: `"${host}" is not an engine address: use ssh://user@host, tcp://host:2376 (with TLS) or unix:///path` };
  }
  if (url.password !== '') {
    return { ok: false, problem: 'Berth does not keep passwords in engine addresses: use ssh-agent or a key file (~/.ssh/config)' };
  }
  switch (url.protocol) {
    case 'unix:':
      return url.pathname.length > 1 ? { ok: true, scheme: 'unix' } : { ok: false, problem: 'A unix:// address needs a socket path' };
    case 'npipe:':
      return { ok: true, scheme: 'npipe' };
    case 'ssh:':
      return url.hostname === ''
        ? { ok: false, problem: 'An ssh:// address needs a host: ssh://user@host[:port]' }
        : { ok: true, scheme: 'ssh' };
    case 'tcp:':
      if (url.hostname === '') return { ok: false, problem: 'A tcp:// address needs a host and port: tcp://host:2376' };
      if (url.username !== '') return { ok: false, problem: 'A tcp:// address takes no user name' };
      if (!tls && !isLoopbackHost(url.hostname)) {
        return {
          ok: false,
          problem: `Plain tcp:// without TLS is refused off loopback (${url.hostname}): anyone on that network could use the engine, and that is root on its machine. Use TLS (a certificate folder) or ssh://`,
        };
      }
      return { ok: true, scheme: 'tcp' };
    default:
      return { ok: false, problem: `Unsupported engine address scheme ${url.protocol} (use ssh://, tcp:// or unix://)` };
  }
}
