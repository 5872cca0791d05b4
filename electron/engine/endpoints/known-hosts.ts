import { createHmac } from 'node:crypto';

/** What a known_hosts file says about one host's key. */
export type KnownHostVerdict = 'known' | 'unknown' | 'changed';

/** How known_hosts names a host: the bare name on port 22, `[name]:port` otherwise. */
export function knownHostsName(host: string, port: number | undefined): string {
  return port === undefined || port === 22 ? host : `[${host}]:${port}`;
}

/** The key type inside an SSH public key blob (its first length-prefixed string). */
export function keyTypeOfBlob(blob: Buffer): string {
  if (blob.length < 4) return '';
  const length = blob.readUInt32BE(0);
  return blob.subarray(4, 4 + length).toString('latin1');
}

function wildcardMatches(pattern: string, name: string): boolean {
  const source = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${source}$`, 'i').test(name);
}

/** Whether one known_hosts host field (comma-separated patterns, or a hashed |1|salt|hash entry) names `name`. */
function hostFieldMatches(field: string, name: string): boolean {
  if (field.startsWith('|1|')) {
    const [, , salt = '', hash = ''] = field.split('|');
    return createHmac('sha1', Buffer.from(salt, 'base64')).update(name).digest('base64') === hash;
  }
  let matched = false;
  for (const pattern of field.split(',')) {
    if (pattern.startsWith('!')) {
      if (wildcardMatches(pattern.slice(1), name)) return false;
    } else if (wildcardMatches(pattern, name)) {
      matched = true;
    }
  }
  return matched;
}

/**
 * Checks a host key against known_hosts text as OpenSSH does with StrictHostKeyChecking=yes: the
 * same key listed is known; another key of the same type (or this key marked @revoked) is changed;
 * otherwise unknown.
 */
export function checkKnownHost(text: string, name: string, keyType: string, key: string): KnownHostVerdict {
  let verdict: KnownHostVerdict = 'unknown';
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const fields = line.split(/\s+/);
    const marker = fields[0]?.startsWith('@') ? fields.shift() : undefined;
    const [hosts = '', type = '', lineKey = ''] = fields;
    if (marker === '@cert-authority' || !hostFieldMatches(hosts, name)) continue;
    if (marker === '@revoked') {
      if (lineKey === key) return 'changed';
      continue;
    }
    if (type !== keyType) continue;
    if (lineKey === key) verdict = verdict === 'changed' ? 'changed' : 'known';
    else if (verdict !== 'known') verdict = 'changed';
  }
  return verdict;
}
