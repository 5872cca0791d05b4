import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkKnownHost, keyTypeOfBlob, knownHostsName } from './known-hosts.js';

const key = 'AAAAC3NzaC1lZDI1NTE5AAAAIFxpXPtoY3+aOUlWqe/cKbAjCBWzWGlcI3XFETkIHYdW';
const other = 'AAAAC3NzaC1lZDI1NTE5AAAAIGIOgM/lAF4ulti31kznSIsOdU3ejwd2JK2Q+bToxFXZ';

function hashed(name: string): string {
  const salt = Buffer.from('0123456789abcdefghij');
  return `|1|${salt.toString('base64')}|${createHmac('sha1', salt).update(name).digest('base64')}`;
}

describe('known_hosts checks (for the ssh2 fallback)', () => {
  it('names hosts as OpenSSH does', () => {
    expect(knownHostsName('robot1', undefined)).toBe('robot1');
    expect(knownHostsName('robot1', 22)).toBe('robot1');
    expect(knownHostsName('127.0.0.1', 2223)).toBe('[127.0.0.1]:2223');
  });

  it('reads the key type from a key blob', () => {
    expect(keyTypeOfBlob(Buffer.from(key, 'base64'))).toBe('ssh-ed25519');
  });

  it('tells a known key, an unknown host and a changed key apart', () => {
    const text = `# comment\nrobot1,10.0.0.2 ssh-ed25519 ${key}\n[127.0.0.1]:2223 ssh-ed25519 ${other}\n`;
    expect(checkKnownHost(text, 'robot1', 'ssh-ed25519', key)).toBe('known');
    expect(checkKnownHost(text, '10.0.0.2', 'ssh-ed25519', key)).toBe('known');
    expect(checkKnownHost(text, 'robot2', 'ssh-ed25519', key)).toBe('unknown');
    expect(checkKnownHost(text, '[127.0.0.1]:2223', 'ssh-ed25519', key)).toBe('changed');
    // Another type's key is not this one: unknown, as OpenSSH has it.
    expect(checkKnownHost(text, 'robot1', 'ecdsa-sha2-nistp256', 'AAAA')).toBe('unknown');
  });

  it('matches hashed entries, wildcards and negations, and honours @revoked', () => {
    expect(checkKnownHost(`${hashed('robot1')} ssh-ed25519 ${key}`, 'robot1', 'ssh-ed25519', key)).toBe('known');
    expect(checkKnownHost(`${hashed('robot1')} ssh-ed25519 ${key}`, 'robot2', 'ssh-ed25519', key)).toBe('unknown');
    expect(checkKnownHost(`*.lab,!bad.lab ssh-ed25519 ${key}`, 'r1.lab', 'ssh-ed25519', key)).toBe('known');
    expect(checkKnownHost(`*.lab,!bad.lab ssh-ed25519 ${key}`, 'bad.lab', 'ssh-ed25519', key)).toBe('unknown');
    expect(checkKnownHost(`robot1 ssh-ed25519 ${key}\n@revoked * ssh-ed25519 ${key}`, 'robot1', 'ssh-ed25519', key)).toBe('changed');
  });
});
