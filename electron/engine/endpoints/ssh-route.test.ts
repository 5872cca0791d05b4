import { describe, expect, it } from 'vitest';
import { jumpHopsOf, parseJumpHop, proxyCommandThrough, resolveSshRoute, shellQuote } from './ssh-route.js';
import type { SshTarget } from './ssh-target.js';

describe('ProxyJump routes', () => {
  it('reads ProxyJump entries as OpenSSH writes them', () => {
    expect(parseJumpHop('bastion', undefined)).toEqual({ host: 'bastion' });
    expect(parseJumpHop('me@gw.example:2200', '/cfg')).toEqual({ host: 'gw.example', user: 'me', port: 2200, configFile: '/cfg' });
    expect(parseJumpHop('ssh://me@[::1]:22', undefined)).toMatchObject({ host: '::1', user: 'me' });
    expect(jumpHopsOf('user root\nproxyjump a,b@c:2\n', undefined)).toEqual([{ host: 'a' }, { host: 'c', user: 'b', port: 2 }]);
    expect(jumpHopsOf('proxyjump none\n', undefined)).toEqual([]);
    expect(jumpHopsOf('hostname x\n', undefined)).toEqual([]);
  });

  it('quotes words for sh and keeps %h/%p for the ssh that runs the command, escaping other %', () => {
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
    const command = proxyCommandThrough({ host: 'gw%1', configFile: '/my cfg' }, '/usr/bin/ssh', false);
    expect(command).toContain(`-F '/my cfg'`);
    expect(command).toContain('-o StrictHostKeyChecking=yes');
    expect(command).toContain(`-W '[%h]:%p' -- gw%%1`);
  });

  it('chains several jumps: each later one through the one before, the target through the last', () => {
    const dumps: Record<string, string> = { t: 'proxyjump a,b\n', a: 'proxyjump z\n', z: '', b: 'proxyjump ignored\n' };
    const route = resolveSshRoute({ host: 't' }, 'ssh', false, 0, (target: SshTarget) => dumps[target.host] ?? '');
    expect(route.hops.map((h) => h.host)).toEqual(['z', 'a', 'b']);
    expect(route.hops[0]?.proxyCommand).toBeUndefined();
    expect(route.hops[1]?.proxyCommand).toMatch(/-- z$/);
    // b is reached through a, whose own ProxyCommand (through z) keeps its %-tokens for a's ssh.
    expect(route.hops[2]?.proxyCommand).toMatch(/^ssh -o 'ProxyCommand=ssh .*\[%%h\]:%%p.* -- z' .* -W '\[%h\]:%p' -- a$/);
    expect(route.target.proxyCommand).toMatch(/-- b$/);
  });

  it('leaves a target without ProxyJump as it is, and stops a loop', () => {
    expect(resolveSshRoute({ host: 't' }, 'ssh', false, 0, () => '')).toEqual({ target: { host: 't' }, hops: [] });
    expect(() => resolveSshRoute({ host: 't' }, 'ssh', false, 0, () => 'proxyjump t\n')).toThrow(/loop/);
  });
});
