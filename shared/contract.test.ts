import { describe, expect, it } from 'vitest';
import { callNames, calls, cliEquivalent, isCallName, streamNames } from './contract.js';

describe('contract', () => {
  it('has unique, dotted names for calls and streams', () => {
    for (const name of [...callNames, ...streamNames]) expect(name).toMatch(/^[a-z]+\.[a-zA-Z]+$/);
  });

  it('rejects malformed inputs with a path to the bad field', () => {
    const bad = calls['containers.stop'].input.safeParse({ id: '../etc', timeoutSeconds: -1 });
    expect(bad.success).toBe(false);
    const extra = calls['containers.list'].input.safeParse({ all: true });
    expect(extra.success).toBe(false);
    const resize = calls['terminal.resize'].input.safeParse({ sessionId: 'abcdefgh-1234', cols: 0, rows: 10 });
    expect(resize.success).toBe(false);
  });

  it('knows the docker command each container action equals', () => {
    expect(cliEquivalent('containers.stop', { id: 'web', timeoutSeconds: 3 })).toBe('docker stop --time 3 web');
    expect(cliEquivalent('containers.remove', { id: 'web', force: true })).toBe('docker rm --force web');
    expect(cliEquivalent('containers.list', {})).toBe('docker ps --all --no-trunc');
  });

  it('tells contract names from others without being fooled by prototype keys', () => {
    expect(isCallName('containers.list')).toBe(true);
    expect(isCallName('toString')).toBe(false);
    expect(isCallName('__proto__')).toBe(false);
  });
});
